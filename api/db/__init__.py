"""The workflow store: engine, schema, migrations and repositories (SQLAlchemy Core)."""
