"""Records in, Pagefind bundle out: `documents` (what a record says to search,
Vietnamese folded, syllables joined into words), `shards` (the bundle in
shards, each cached by its records' hashes), `pagefind` (the Pagefind driver
and its byte-stable bundle). It may use `site.urls`; it never imports the engine.
"""
