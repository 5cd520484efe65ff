"""Topics: the tags an article is filed under."""
