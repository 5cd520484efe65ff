"""Places: the pre-2025 districts and provinces an article reports on."""
