"""Vietnamese text primitives: folding, collation, slugs and word segmentation.

The lowest floor of the package: nothing here knows about records or sites.
`tokenize` loads the pyvi model lazily, so importing this package is cheap.
"""

from khotin.vietnamese.collation import sort_key
from khotin.vietnamese.fold import fold
from khotin.vietnamese.slugs import slugify, unique_slug

__all__ = ["fold", "slugify", "sort_key", "unique_slug"]
