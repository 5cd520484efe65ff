"""Raw scraped page → the parts of one record.

`decode_seed` turns a seed's bytes into clean text; `parse_page` splits that
text into title, kicker, date, author, source, summary, body and review notes.
The passes over an import's seeds (passes.py) learn its chrome and parse each
article, in a worker pool when it pays; the importer (importer.py) adds slug,
hashes and file writing.
"""

from khotin.loader.decode import decode_seed
from khotin.loader.page import ParsedPage, parse_page

__all__ = ["ParsedPage", "decode_seed", "parse_page"]
