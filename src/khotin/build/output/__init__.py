"""The site's folder on disk: a new tree made beside the live one and swapped in
whole (`staging`), files reused rather than rewritten when their bytes or view
are unchanged (`reuse`), the tree the last build replaced kept as the next
one's start (`recycled`), the lock, the paths and the manifest's file (`paths`:
the engine decides what the manifest holds, and when it is read and written).

It knows paths, bytes and opaque keys only: nothing here imports the rest of
khotin, so the engine above can change without touching how files land.
"""


class OutputError(Exception):
    """The site's folder cannot be written; the engine turns it into a BuildError."""
