"""Alembic's environment for the workspace: the store runs it on its own connection.

``socialplaybook.store`` upgrades a workspace on first use, inside its write transaction
(``config.attributes["connection"]``), so processes opening one new database at once queue
instead of racing. Run by hand (``alembic -x url=sqlite:///... upgrade head`` from this
folder's parent, with ``script_location`` pointing here) it opens the URL it is given.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from socialplaybook.workspace.tables import metadata

config = context.config


def run_migrations(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    url = context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option(
        "sqlalchemy.url")
    engine = create_engine(url)
    with engine.begin() as own:
        run_migrations(own)
    engine.dispose()
