"""The synthetic population generator (``xhht generate``, the benchmarks and the demo): plausible
households, people, clans and units written in bulk. Above the domain apps; no app imports it."""
