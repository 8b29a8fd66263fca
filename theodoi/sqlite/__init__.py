"""Django's SQLite backend, with one probe answered without the write lock (see base.py)."""
