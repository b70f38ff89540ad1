"""XHHT: the platform that runs "Xây dựng xã hội học tập 2021–2030"."""
