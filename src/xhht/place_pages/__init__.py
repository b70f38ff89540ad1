"""What people and commands do with the place tree: browsing it within one's scope, a place's
history, hamlets by hand and from XLSX (``sheets``), the places API and ``xhht load_places``.

Above ``accounts`` and ``audit`` (it checks capabilities and writes the trail), while the tree
itself (``xhht.places``) sits below them. URL names stay ``places:*``, templates ``places/…``."""
