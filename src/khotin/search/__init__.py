"""Records in, search index out: `documents` (what a record says to search,
Vietnamese folded, syllables joined into words), `postings` (per-word postings and
the page table the search page reads), `filters` (its district, tag and year lists),
`shards` (the index made in shards, each cached by its records' hashes), `joined`
(files joined only where a shard's part changed). It may use `site.urls`; it never
imports the engine.
"""
