"""Floor 3: turn records and their indexes into a static site.

`config` reads khotin.toml, `pages` decides which pages exist and their URLs,
`views` builds the typed objects templates receive, `plan` and `sections` make
them, `charts` lays out the SVG timeline and map, `feeds` writes Atom and the
sitemap, `markdown` renders bodies safely, `search` and `search_shards` make
the Pagefind bundle (`search_runner` beside the pages), `digests` hashes the
records, `depends` knows which pages an edit leaves alone, `writer` (with
`placer`, `spare` and `outdir`) swaps the new tree in atomically, and `build`
ties it together behind `build_site`.
"""
