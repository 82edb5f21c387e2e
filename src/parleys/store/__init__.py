"""The store: SQLAlchemy models (:mod:`.models`), engines and sessions (:mod:`.db`), the
per-article repository (:mod:`.repository`) and the Alembic migrations."""
