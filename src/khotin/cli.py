"""The command line: parse arguments, call one stage, turn errors into one line.

The flags here are a contract with outside checks (see README): add, never rename.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from khotin import __version__
from khotin.errors import KhotinError

_DIR = click.Path(path_type=Path, file_okay=False)


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(1)


def _run(action):
    """Run one stage; a KhotinError or an OS error becomes one line and exit 1."""
    try:
        return action()
    except KhotinError as exc:
        _fail(f"error: {exc}")
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        _fail(f"error: {where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        # Ctrl+C is how a person stops a command (serve above all): the shell's
        # status for it, one word, no traceback
        click.echo("interrupted", err=True)
        sys.exit(130)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="khotin")
def main() -> None:
    """khotin: kho tin — a static archive of Vietnamese news reports."""


@main.command("import")
@click.option("--seeds", type=_DIR, default=Path("seeds"), show_default=True, help="Raw scraped pages.")
@click.option("--content", type=_DIR, default=Path("content"), show_default=True, help="Where records go.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
def import_command(seeds: Path, content: Path, jobs: int | None) -> None:
    """Turn raw pages in SEEDS into Markdown records in CONTENT."""
    from khotin.loader.importer import import_seeds

    say = lambda line: click.echo(line, err=not line.startswith("kept"))  # noqa: E731
    report = _run(lambda: import_seeds(
        seeds, content, jobs=jobs, cache_dir=Path(".khotin-cache") / "tokens", say=say,
    ))
    click.echo(
        f"imported {len(report.written)} written, {len(report.unchanged)} unchanged, "
        f"{len(report.kept)} kept, {len(report.failures)} failed"
    )
    if not report.ok:
        sys.exit(1)


@main.command()
@click.option("--content", type=_DIR, default=Path("content"), show_default=True)
@click.option("--all", "include_edited", is_flag=True, help="Also list records edited since import.")
def review(content: Path, include_edited: bool) -> None:
    """List the records a person should check, most doubtful first."""
    from khotin.loader.review import review_content

    if not content.is_dir():
        _fail(f"error: {content}: content folder not found")
    report = _run(lambda: review_content(content, include_edited))
    for entry in report.entries:
        click.echo(entry.line())
    left_out = f"; {report.edited_left_out} edited since import left out (--all lists them)" \
        if report.edited_left_out else ""
    click.echo(f"{len(report.entries)} of {report.checked} records to check{left_out}")


@main.command()
@click.option("--content", type=_DIR, default=Path("content"), show_default=True)
@click.option("--templates", type=_DIR, default=Path("templates"), show_default=True)
@click.option("--out", type=_DIR, default=Path("site"), show_default=True)
@click.option("--base-url", default=None, help="Overrides base_url of khotin.toml (may carry a subpath).")
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Site configuration (default: khotin.toml when present).")
@click.option("--jobs", type=click.IntRange(min=1), default=None)
def build(content: Path, templates: Path, out: Path, base_url: str | None, config_path: Path | None,
          jobs: int | None) -> None:
    """Render CONTENT with TEMPLATES into the static site OUT."""
    from khotin.build.pipeline import build_site

    report = _run(lambda: build_site(content, templates, out, base_url=base_url,
                                     config_path=config_path, jobs=jobs))
    click.echo(
        f"built {report.pages} pages in {report.seconds:.2f}s: {report.written} written, "
        f"{report.unchanged} unchanged, {report.removed} removed → {report.out}"
    )


@main.command()
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True)
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; only loopback by default.")
@click.option("--content", type=_DIR, default=Path("content"), show_default=True)
@click.option("--templates", type=_DIR, default=Path("templates"), show_default=True)
@click.option("--out", type=_DIR, default=Path("site"), show_default=True)
@click.option("--config", "config_path", type=click.Path(path_type=Path, dir_okay=False), default=None)
def serve(port: int, host: str, content: Path, templates: Path, out: Path, config_path: Path | None) -> None:
    """Build, serve OUT locally, rebuild and reload on every change."""
    from khotin.serve import serve as run_server

    _run(lambda: run_server(content, templates, out, port=port, host=host, config_path=config_path))


@main.command()
@click.option("--site", type=_DIR, default=Path("site"), show_default=True)
@click.option("--git", "remote", default=None, help="Git remote (path or URL) to push the site to.")
@click.option("--branch", default="gh-pages", show_default=True)
@click.option("--dir", "dest", type=_DIR, default=None, help="Folder to copy the site into, atomically.")
def publish(site: Path, remote: str | None, branch: str, dest: Path | None) -> None:
    """Ship the built SITE to a git branch or a folder."""
    from khotin.publish import publish_dir, publish_git

    if (remote is None) == (dest is None):
        _fail("error: give exactly one of --git REMOTE or --dir DEST")
    if remote is not None:
        sha = _run(lambda: publish_git(site, remote, branch))
        click.echo(f"published {site} to {remote} {branch} ({sha[:12]})")
    else:
        _run(lambda: publish_dir(site, dest))
        click.echo(f"published {site} to {dest}")


if __name__ == "__main__":  # pragma: no cover
    main()
