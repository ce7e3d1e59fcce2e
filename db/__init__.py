"""Storage: SQLAlchemy models, the engine and session, Alembic migrations, and queries."""
