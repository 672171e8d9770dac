"""How stages run: atomic writes, per-report caches keyed by code and data,
parallel workers, progress and one-line console messages."""
