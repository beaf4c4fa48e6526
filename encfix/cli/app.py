"""The ``encfix`` command: one typer app, one module per command."""
from __future__ import annotations

import typer

from .. import __version__

app = typer.Typer(
    name="encfix",
    help="Give back the text its author wrote: repair mojibake, unknown encodings, corrupted CJK "
    "punctuation, leaked pinyin ruby and markup residue.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        from ..stages.convert import backend_name

        typer.echo(f"encfix {__version__} (OpenCC backend: {backend_name()})")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, metavar="", help="Show the version and exit."),
) -> None:
    """Give back the text its author wrote."""


def _register() -> None:
    # Each command lives in its own module and registers itself on ``app``.
    from . import check, corpus, detect, fix  # noqa: F401


def main() -> None:
    try:
        _register()
    except KeyboardInterrupt:  # Ctrl-C while the modules load: nothing was read or written yet
        raise SystemExit(130) from None
    app()
