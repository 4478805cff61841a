"""Links: pages fetched once from a server on 127.0.0.1 that this test starts; limits on time, size and redirects."""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.fetch import fetch_page
from checker.sources import InputOptions

PARAGRAPHS = [
    "The council of Marrow Bay voted on Monday to close the old tram depot, ending a century of repairs on the site by the river.",
    "Its thirty-one workers will move to a new hall at the edge of the town, which the council says will open in the autumn of next year.",
    "Deputy mayor Hal Brenner said the old depot could not be heated and that its roof had leaked for the last three winters in a row.",
    "A group of residents has asked for the building to be kept as a museum, and has collected more than 2,000 signatures in two weeks.",
]
PAGE = (
    "<html><head><meta charset='utf-8'><title>Tram depot to close | Marrow Bay Courier</title>"
    "<meta property='og:site_name' content='Marrow Bay Courier'></head><body><nav><a href='/'>Home</a></nav>"
    "<article><h1>Tram depot to close</h1>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
).encode("utf-8")
# Seconds the fetches in these tests may take: the slow routes take far longer.
TIMEOUT = 1.0


class Handler(BaseHTTPRequestHandler):
    hits: ClassVar[Counter] = Counter()

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, content_type: str = "text/html; charset=utf-8", code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        Handler.hits[self.path] += 1
        if self.path in ("/depot", "/depot-again"):
            self._send(PAGE)
        elif self.path == "/moved":
            self._redirect("/depot")
        elif self.path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/missing":
            self._send(b"not here", "text/plain", 404)
        elif self.path == "/report.pdf":
            self._send(b"%PDF-1.4", "application/pdf")
        elif self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"filler " * 10_000 + b"</p>"
            try:
                for _ in range(200):
                    self.wfile.write(chunk)
            except OSError:
                pass  # the client stopped reading at its limit
        elif self.path == "/slow":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(40):  # a byte every tenth of a second: each read is quick, the whole is not
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif self.path == "/never":
            time.sleep(3)  # never answers within the client's time
        elif self.path == "/latin":
            body = "<html><body><article>" + "".join(f"<p>{p} Café Zürich.</p>" for p in PARAGRAPHS) + "</article></body></html>"
            self._send(body.encode("cp1252"), "text/html; charset=windows-1252")
        else:
            self._send(b"no such page", "text/plain", 404)


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    # A proxy named in the environment would receive these requests instead of the local server.
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_page_is_fetched_with_where_it_ended_after_redirects(server: str) -> None:
    fetched = fetch_page(f"{server}/moved", max_bytes=100_000, timeout=TIMEOUT)
    assert fetched.data == PAGE
    assert fetched.final_url == f"{server}/depot"
    assert fetched.content_type == "text/html" and fetched.charset == "utf-8"


def test_redirect_to_a_file_address_is_refused(server: str) -> None:
    with pytest.raises(ValueError, match="redirected to a file address"):
        fetch_page(f"{server}/to-file", max_bytes=100_000, timeout=TIMEOUT)


def test_redirect_loop_stops_at_the_limit(server: str) -> None:
    with pytest.raises(ValueError, match="more than 3 redirects"):
        fetch_page(f"{server}/loop", max_bytes=100_000, timeout=TIMEOUT, max_redirects=3)


def test_page_past_the_size_limit_stops_reading(server: str) -> None:
    with pytest.raises(ValueError, match="larger than the 200,000-byte limit"):
        fetch_page(f"{server}/huge", max_bytes=200_000, timeout=5)


def test_server_that_trickles_is_given_up_on_at_the_time_limit(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(ValueError, match="within 1 seconds"):
        fetch_page(f"{server}/slow", max_bytes=100_000, timeout=TIMEOUT)
    assert time.monotonic() - start < 2.5


def test_server_that_never_answers_is_given_up_on(server: str) -> None:
    start = time.monotonic()
    with pytest.raises(ValueError, match="within 1 seconds"):
        fetch_page(f"{server}/never", max_bytes=100_000, timeout=TIMEOUT)
    assert time.monotonic() - start < 2.5


def test_error_status_and_other_content_types_are_named(server: str) -> None:
    with pytest.raises(ValueError, match="answered 404"):
        fetch_page(f"{server}/missing", max_bytes=100_000, timeout=TIMEOUT)
    with pytest.raises(ValueError, match="not a web page: the server sent application/pdf"):
        fetch_page(f"{server}/report.pdf", max_bytes=100_000, timeout=TIMEOUT)


def test_only_http_and_https_are_fetched() -> None:
    with pytest.raises(ValueError, match="only http and https"):
        fetch_page("file:///etc/passwd", max_bytes=100_000)


def test_links_mixed_with_files_each_fetched_once_failures_skipped(server: str, tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("\n".join(PARAGRAPHS[:2]) + "\n", encoding="utf-8")
    before = Handler.hits["/depot-again"]
    report = checker.check(
        [f"{server}/depot-again", str(note), f"{server}/to-file", f"{server}/never"], inputs=InputOptions(timeout=TIMEOUT), jobs=1
    )
    assert Handler.hits["/depot-again"] == before + 1
    by_id = {a.id: a for a in report.articles}
    assert set(by_id) == {"depot-again", "note"}
    page = by_id["depot-again"]
    assert page.source == "url" and page.url == f"{server}/depot-again" and page.path == f"{server}/depot-again"
    assert page.title == "Tram depot to close" and page.outlet == "Marrow Bay Courier"
    assert {s.path: s.reason.split(":")[0] for s in report.skipped} == {
        f"{server}/to-file": "cannot fetch",
        f"{server}/never": "no answer within 1 seconds",
    }


def test_charset_from_the_server_is_used_and_kept_in_the_saved_page(server: str, tmp_path: Path) -> None:
    saved = tmp_path / "pages"
    report = checker.check([f"{server}/latin"], inputs=InputOptions(save_pages=saved, timeout=TIMEOUT), jobs=1)
    [article] = report.articles
    assert "Café Zürich" in article.text
    offline = checker.check([saved], jobs=1)
    assert offline.articles[0].text == article.text
    assert offline.articles[0].url == f"{server}/latin"


def test_saved_pages_repeat_the_check_offline(server: str, tmp_path: Path) -> None:
    saved = tmp_path / "pages"
    runner = CliRunner()
    online = runner.invoke(app, ["check", f"{server}/depot", f"{server}/missing", "--save-pages", str(saved), "--out", str(tmp_path / "a")])
    assert online.exit_code == 0, online.output
    assert [line for line in online.stderr.splitlines() if line.startswith("warning:")] == [
        f"warning: skipped {server}/missing: the server answered 404 Not Found"
    ]
    assert [p.name for p in saved.iterdir()] == ["depot.html"]
    offline = runner.invoke(app, ["check", str(saved), "--out", str(tmp_path / "b")])
    assert offline.exit_code == 0
    first = checker.check([saved / "depot.html"], jobs=1).articles[0]
    assert first.text.splitlines()[0] == "Tram depot to close" and first.source == "html"
    assert first.url == f"{server}/depot"


def test_only_failing_links_exit_with_usage_error(server: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", f"{server}/report.pdf", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "not a web page" in result.stderr


def test_extract_prints_a_link_s_text_and_metadata(server: str) -> None:
    runner = CliRunner()
    text = runner.invoke(app, ["extract", f"{server}/depot"])
    assert text.exit_code == 0
    assert text.stdout.splitlines() == ["Tram depot to close", *PARAGRAPHS]
    metadata = json.loads(runner.invoke(app, ["extract", f"{server}/depot", "--json"]).stdout)
    assert (metadata["source"], metadata["url"], metadata["outlet"]) == ("url", f"{server}/depot", "Marrow Bay Courier")
