"""The review notes the loader writes, and how doubtful each one is.

Notes are plain sentences in the record's `review` list (a person reads
them), but each kind opens with a fixed prefix so that `khotin review` can
rank records without parsing prose. Writers and the reviewer share these
prefixes from here.
"""

from __future__ import annotations

TITLE_FROM_WIDGET = "title: the page shows no headline line"
TITLE_LIKE_CHROME = "title: reads like a page widget"
PROSE_AS_CHROME = "body: dropped as chrome"
NAME_AS_HEADING = "author: the only name-shaped line was read as a list heading"
SOURCE_AS_PRINTED = "source: kept as printed"
SOURCE_FROM_FOOTER = "source: taken from the page footer"
DATE_MISSING = "date: the page shows no publication date"
DATE_NO_YEAR = "date: the page gives"
YEAR_INFERRED = "inferred"
