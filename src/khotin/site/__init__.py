"""What the site is, pure (no files written, no processes): `config` reads
khotin.toml, `urls` names every page, `views` are the typed objects templates
receive, `plan` decides which pages and files the site has, `factory` makes
each view, `charts` lays out the SVG timeline and map, `feeds` writes Atom,
the sitemap and robots.txt, `markdown` renders bodies safely, `environment`
is the Jinja environment, `loaded` a record as the site shows it.
"""
