"""Pages of the recognition app, split by sub-domain."""
