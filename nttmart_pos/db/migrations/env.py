"""Alembic environment: runs migrations on the connection handed in by ``db.migrate``."""

from alembic import context

from nttmart_pos.db.models import Base

target_metadata = Base.metadata
connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through nttmart_pos.db.migrate (nttmart-pos init)")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
