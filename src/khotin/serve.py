"""`khotin serve`: preview the site, rebuild on every edit, reload the open page.

The server only ever reads `out/`, which the build replaces atomically, so a
page is always served from one whole build; a failed rebuild leaves the last
good site in place and shows its one-line error in the open page instead.
"""

from __future__ import annotations

import json
import shutil
import socket
import sys
import threading
import time
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Callable
from urllib.parse import quote, unquote, urlsplit

import watchfiles

from khotin.errors import KhotinError
from khotin.build.pipeline import build_site
from khotin.site.config import load_config

VERSION_PATH = "/__khotin__/version"
DEFAULT_CONFIG = Path("khotin.toml")
POLL_SECONDS = 0.5  # how often the config file is looked at and a stop request noticed

# Polls the build counter; reloads when it moves, shows a failed build's error
# as a banner (textContent: the message is never parsed as HTML).
_RELOAD_SCRIPT = """<script>/* khotin serve */(() => {
  let seen = %d;
  const show = (error) => {
    let box = document.getElementById("khotin-serve-error");
    if (!error) { if (box) box.remove(); return; }
    if (!box) {
      box = document.createElement("pre");
      box.id = "khotin-serve-error";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;left:0;right:0;bottom:0;margin:0;padding:1em;z-index:99999;" +
        "background:#7a0000;color:#fff;font:14px/1.4 monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = "khotin: " + error;
  };
  const tick = async () => {
    try {
      const state = await (await fetch("%s", {cache: "no-store"})).json();
      if (state.build !== seen) { location.reload(); return; }
      show(state.error);
    } catch (e) { /* server restarting: try again */ }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
})();</script>
"""


class _Live:
    """What the open pages poll: a counter of good builds and the last error."""

    def __init__(self, out: Path, base_path: str) -> None:
        self.out = out
        self._lock = threading.Lock()
        self._build = 0
        self._error: str | None = None
        self._base_path = base_path

    def succeeded(self, base_path: str) -> None:
        with self._lock:
            self._build += 1
            self._error = None
            self._base_path = base_path

    def failed(self, message: str) -> None:
        with self._lock:
            self._error = message

    def status(self) -> dict[str, Any]:
        with self._lock:
            return {"build": self._build, "error": self._error}

    @property
    def base_path(self) -> str:
        with self._lock:
            return self._base_path


def inject_reload(html: bytes, build: int) -> bytes:
    """The page with the reload script before its last `</body>` (or at the end)."""
    script = (_RELOAD_SCRIPT % (build, VERSION_PATH)).encode()
    at = html.lower().rfind(b"</body>")
    return html + script if at < 0 else html[:at] + script + html[at:]


class _Handler(SimpleHTTPRequestHandler):
    live: _Live  # bound per server by `_handler_for`

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, directory=str(self.live.out), **kwargs)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        pass  # a preview server's access log is noise in the terminal that shows build errors

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        self._respond(with_body=True)

    def do_HEAD(self) -> None:
        self._respond(with_body=False)

    def _respond(self, with_body: bool) -> None:
        raw_path = urlsplit(self.path).path
        path = unquote(raw_path)
        if path == VERSION_PATH:
            body = json.dumps(self.live.status(), ensure_ascii=False).encode()
            return self._send(HTTPStatus.OK, "application/json; charset=utf-8", body, with_body)
        prefix = self.live.base_path
        if not path.startswith(prefix):
            if path == "/" or path + "/" == prefix:
                return self._redirect(quote(prefix))
            return self._not_found(with_body)
        if not self.live.out.is_dir():
            return self._no_site_yet(with_body)
        parts = [part for part in path[len(prefix):].split("/") if part not in ("", ".", "..")]
        target = self.live.out.joinpath(*parts)
        if target.is_dir():
            if not raw_path.endswith("/"):
                return self._redirect(raw_path + "/", HTTPStatus.MOVED_PERMANENTLY)
            target = target / "index.html"
        if not target.is_file():
            return self._not_found(with_body)
        ctype = self.guess_type(str(target))
        try:
            if ctype.startswith("text/html"):
                body = inject_reload(target.read_bytes(), self.live.status()["build"])
                return self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, with_body)
            with target.open("rb") as handle:
                size = target.stat().st_size
                self.send_response(HTTPStatus.OK)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(size))
                self.end_headers()
                if with_body:
                    shutil.copyfileobj(handle, self.wfile)
        except FileNotFoundError:  # swapped away by a rebuild between the check and the read
            return self._not_found(with_body)

    def _send(self, status: HTTPStatus, ctype: str, body: bytes, with_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if with_body:
            self.wfile.write(body)

    def _redirect(self, location: str, status: HTTPStatus = HTTPStatus.FOUND) -> None:
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self, with_body: bool) -> None:
        page = self.live.out / "404.html"
        try:
            html = page.read_bytes()
        except OSError:
            html = b"<!doctype html><html lang=vi><meta charset=utf-8><title>404</title><p>Kh\xc3\xb4ng t\xc3\xacm th\xe1\xba\xa5y trang.</p></html>"
        body = inject_reload(html, self.live.status()["build"])
        self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, with_body)

    def _no_site_yet(self, with_body: bool) -> None:
        html = ("<!doctype html><html lang=vi><meta charset=utf-8><title>khotin serve</title>"
                "<body><p>Chưa dựng được trang: sửa lỗi, trang sẽ tự tải lại.</p></body></html>").encode()
        body = inject_reload(html, self.live.status()["build"])
        self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/html; charset=utf-8", body, with_body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return  # the browser went away mid-response (reload, closed tab)
        super().handle_error(request, client_address)


def _bind(host: str, port: int, live: _Live) -> _Server:
    handler = type("Handler", (_Handler,), {"live": live})
    server_class = _Server
    if ":" in host:
        server_class = type("Server6", (_Server,), {"address_family": socket.AF_INET6})
    try:
        return server_class((host, port), handler)
    except OSError as exc:
        raise KhotinError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def _base_path(config_files: list[Path], base_url: str | None, fallback: str) -> str:
    found = next((path for path in config_files if path.is_file()), None)
    try:
        return load_config(found, base_url).base_path
    except KhotinError:
        return fallback


def _say(line: str, error: bool = False) -> None:
    print(line, file=sys.stderr if error else sys.stdout, flush=True)


def _config_files(content: Path, config_path: Path | None) -> list[Path]:
    """The files a build may read its settings from (build_site's lookup order)."""
    if config_path is not None:
        return [Path(config_path)]
    return list(dict.fromkeys([DEFAULT_CONFIG, content.parent / DEFAULT_CONFIG]))


def _config_signature(paths: list[Path]) -> tuple[tuple[int, int, int] | None, ...]:
    """Polled rather than watched: editors replace the file, which loses a watch on it."""
    signature = []
    for path in paths:
        try:
            stat = path.stat()
        except OSError:
            signature.append(None)
        else:
            signature.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
    return tuple(signature)


class _SourceFilter(watchfiles.DefaultFilter):
    """Editor droppings are not edits, nor is anything the build writes."""

    def __init__(self, out: Path) -> None:
        super().__init__()
        self._out = out.resolve()

    def __call__(self, change: watchfiles.Change, path: str) -> bool:
        resolved = Path(path).resolve()
        if resolved == self._out or self._out in resolved.parents:
            return False
        return super().__call__(change, path)


def _watch(sources: list[Path], config_files: list[Path], out: Path, stop: threading.Event,
           rebuild: Callable[..., None], built: threading.Event) -> None:
    """Build once the watch is armed, then on every change: an edit made
    while serve starts up is either in the first build or triggers the next."""
    try:
        watched = [str(path) for path in sources if path.is_dir()]
        if not watched:  # nothing to watch yet: only the config file is looked at
            signature = _config_signature(config_files)
            rebuild(first=True)
            built.set()
            while not stop.wait(POLL_SECONDS):
                if _config_signature(config_files) != signature:
                    signature = _config_signature(config_files)
                    rebuild()
            return
        signature: tuple | None = None
        # yield_on_timeout: the first (possibly empty) batch tells that the watch is armed
        for changes in watchfiles.watch(
            *watched, watch_filter=_SourceFilter(out), stop_event=stop, debounce=1_600, step=100,
            rust_timeout=int(POLL_SECONDS * 1000), yield_on_timeout=True, raise_interrupt=False,
        ):
            now = _config_signature(config_files)
            if signature is None:
                signature = now
                rebuild(first=True)
                built.set()
            elif changes or now != signature:
                signature = now
                rebuild()
    except Exception as exc:  # noqa: BLE001 - the server goes on with the last site it has
        _say(f"error: watching for changes stopped: {type(exc).__name__}: {exc}", error=True)
    finally:
        built.set()


def serve(content: Path, templates: Path, out: Path, port: int = 8000, host: str = "127.0.0.1",
          base_url: str | None = None, config_path: Path | None = None, *,
          ready: threading.Event | None = None, stop: threading.Event | None = None) -> None:
    """Build, then serve `out` until Ctrl+C or `stop`, rebuilding on every edit.

    `ready` is set once the server accepts connections.
    """
    content, templates, out = Path(content), Path(templates), Path(out)
    stop = stop or threading.Event()
    config_files = _config_files(content, config_path)
    live = _Live(out, _base_path(config_files, base_url, "/"))

    def rebuild(first: bool = False) -> None:
        started = time.monotonic()
        try:
            report = build_site(content, templates, out, base_url=base_url, config_path=config_path)
        except Exception as exc:  # noqa: BLE001 - a rebuild must never take the server down
            message = str(exc) if isinstance(exc, KhotinError) else f"build crashed: {type(exc).__name__}: {exc}"
            live.failed(" ".join(message.split("\n")))
            _say(f"error: {live.status()['error']} (serving the last good site)", error=True)
            return
        live.succeeded(_base_path(config_files, base_url, live.base_path))
        written = getattr(report, "written", None)
        detail = f": {written} written" if written is not None else ""
        _say(f"{'built' if first else 'rebuilt'} in {time.monotonic() - started:.2f}s{detail}")

    server = _bind(host, port, live)
    built = threading.Event()
    watcher = threading.Thread(target=_watch, name="khotin-watch", daemon=True,
                               args=([content, templates], config_files, out, stop, rebuild, built))
    try:
        watcher.start()
        built.wait()
        shown_host = f"[{host}]" if ":" in host else host
        _say(f"Serving http://{shown_host}:{server.server_port}{live.base_path} (Ctrl+C to stop)")
        threading.Thread(target=lambda: (stop.wait(), server.shutdown()), name="khotin-stop", daemon=True).start()
        if ready is not None:
            ready.set()
        try:
            server.serve_forever(poll_interval=POLL_SECONDS)
        except KeyboardInterrupt:
            pass
    finally:
        stop.set()
        server.server_close()
        if watcher.is_alive():
            watcher.join(timeout=10)
