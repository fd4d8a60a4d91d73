"""The api package's sub-commands of ``talentmatch`` (registered through the entry point).

* ``talentmatch serve`` — open the backend, load the embedding model, build the app and
  serve it with uvicorn (loopback by default).
* ``talentmatch api-key create`` — create an API key directly in the workflow store (the
  first admin key of an installation, or any key while the API is down).
"""

from __future__ import annotations

import click

from api.enums import Role


@click.command("serve")
@click.option("--host", default=None, help="Interface to bind (default 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Port (default 8000, or TALENTMATCH_PORT).")
@click.option("--log-level", type=click.Choice(["critical", "error", "warning", "info", "debug"]),
              default="info", show_default=True)
@click.option("--access-log/--no-access-log", default=True, show_default=True)
def serve_command(host: str | None, port: int | None, log_level: str, access_log: bool) -> None:
    """Serve the curation API over the index in TALENTMATCH_DATA_DIR."""
    import uvicorn

    from api.app import create_app
    from api.settings import ApiSettings

    settings = ApiSettings()
    app = create_app(settings, serving=True)
    click.echo(f"talentmatch API on http://{host or settings.host}:{port or settings.port} "
               f"(docs: /docs; data: {settings.indexer.data_dir})", err=True)
    if settings.bootstrap_admin_key is None:
        click.echo("no TALENTMATCH_BOOTSTRAP_ADMIN_KEY set: create an admin key with "
                   "'talentmatch api-key create --role admin --name <who>'", err=True)
    # http/loop "auto": httptools and uvloop, installed with talentmatch (see pyproject.toml)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port,
                log_level=log_level, access_log=access_log, http="auto", loop="auto")


@click.group("api-key")
def api_key_group() -> None:
    """Manage API keys directly in the workflow store."""


@api_key_group.command("create")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", required=True, help="Who or what the key is for.")
@click.option("--subject-id", default=None,
              help="Client id (role client) or profile id (role freelancer).")
def create_key_command(role: str, name: str, subject_id: str | None) -> None:
    """Create a key and print it (it is stored hashed and cannot be shown again)."""
    from pydantic import ValidationError

    from api.auth.keys import generate_key
    from api.auth.principal import Principal
    from api.clock import SystemClock
    from api.db.engine import Database
    from api.db.migrations import migrate
    from api.db.repositories import audit, clients, keys
    from api.db.repositories.common import new_id
    from api.schemas.keys import ApiKeyCreate
    from api.settings import ApiSettings
    from indexer.errors import InvalidInputError, NotFoundError, Problem

    try:
        data = ApiKeyCreate(name=name, role=Role(role), subject_id=subject_id)
    except ValidationError as exc:
        raise InvalidInputError([Problem(".".join(map(str, e["loc"])) or "<key>", e["msg"])
                                 for e in exc.errors()]) from None
    settings = ApiSettings()
    db = Database(settings.resolved_database_url())
    try:
        migrate(db)
        now = SystemClock().now()
        plaintext, prefix, digest = generate_key()
        actor = Principal(actor_id="cli", role=Role.ADMIN, name="talentmatch api-key create")
        with db.write() as conn:
            if data.role is Role.CLIENT and clients.get(conn, data.subject_id or "") is None:
                raise NotFoundError(f"client '{data.subject_id}' does not exist")
            row = keys.create(conn, id=new_id("key"), name=data.name, role=data.role.value,
                              subject_id=data.subject_id, prefix=prefix, key_hash=digest,
                              created_at=now, created_by=actor.actor_id)
            audit.record(conn, actor, "api_key.create", "api_key", row["id"], at=now,
                         after={k: v for k, v in row.items() if k != "key_hash"})
    finally:
        db.dispose()
    click.echo(plaintext)


def register(cli: click.Group) -> None:
    """Attach the api commands to the ``talentmatch`` group."""
    cli.add_command(serve_command)
    cli.add_command(api_key_group)
