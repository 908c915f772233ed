"""Persistence: SQLAlchemy models, the engine, the unit of work, Alembic migrations."""
