"""The build engine: `pipeline.build_site` runs the steps of one build top to
bottom; `fingerprints`, `record_cache`, `group_cache` and `dependencies` let a
rebuild skip what did not change; `render_pool` renders pages in forked
workers; `search_job` makes the search bundle beside them; `bodies` keeps each
body's HTML (for the renderers) and plain text (for the search job) on disk;
`output` puts the files in place; `pipeline` alone reads and writes the manifest.
"""
