"""Link -> page bytes: one http(s) request with a time limit, a size limit and a redirect limit."""

from __future__ import annotations

import http.client
import re
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

LINK = re.compile(r"^https?://", re.IGNORECASE)
SCHEMES = ("http", "https")
# Seconds a whole fetch may take, connecting and reading: a slow server is given up on, not waited for.
TIMEOUT = 20.0
# Redirects followed before a link is given up on (browsers allow 20; news sites use one or two).
MAX_REDIRECTS = 5
READ_CHUNK = 65536
USER_AGENT = "checker (news article consistency checker)"
# What a page may be sent as; a PDF or an image is not read as a page.
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "application/xml", "text/xml")


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """The bytes a link answered with, where it ended after redirects, and what the server said they are."""

    url: str  # the address asked for
    final_url: str  # after redirects
    data: bytes
    content_type: str  # "text/html"
    charset: str | None  # from the Content-Type header


def is_link(value: str) -> bool:
    """Tell whether an input names an http(s) address rather than a file."""
    return bool(LINK.match(value))


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(self, req, fp, code, msg, headers):
        # urllib would refuse a file: address itself, but as an HTTP error that reads like any other.
        location = headers.get("Location") or headers.get("URI")
        if location:
            target = urljoin(req.full_url, location)
            scheme = urlsplit(target).scheme.lower()
            if scheme not in SCHEMES:
                raise urllib.error.URLError(f"redirected to a {scheme} address ({target}); only http and https are followed")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def fetch_page(url: str, *, max_bytes: int, timeout: float = TIMEOUT, max_redirects: int = MAX_REDIRECTS) -> FetchedPage:
    """Fetch one page; raise ValueError with a one-line reason when it cannot be had.

    The whole fetch stops after `timeout` seconds and after `max_bytes` bytes (the page is then
    refused, not cut: a cut page would be checked as if it were whole).
    """
    if urlsplit(url).scheme.lower() not in SCHEMES:
        raise ValueError("only http and https links are fetched")
    redirects = _Redirects()
    redirects.max_redirections = max_redirects
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5"})
    deadline = time.monotonic() + timeout
    answered = False
    try:
        with opener.open(request, timeout=timeout) as response:
            answered = True
            headers: Message = response.headers
            content_type = headers.get_content_type()
            if content_type not in PAGE_TYPES:
                raise ValueError(f"not a web page: the server sent {content_type}")
            length = headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise ValueError(f"larger than the {max_bytes:,}-byte limit ({int(length):,} bytes)")
            chunks: list[bytes] = []
            size = 0
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise ValueError(f"no complete answer within {timeout:g} seconds")
                _set_timeout(response, remaining)
                chunk = response.read1(READ_CHUNK)  # what has arrived: read() would wait for the whole chunk
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    raise ValueError(f"larger than the {max_bytes:,}-byte limit (stopped reading)")
                chunks.append(chunk)
            return FetchedPage(url, response.geturl(), b"".join(chunks), content_type, headers.get_content_charset())
    except urllib.error.HTTPError as err:
        if 300 <= err.code < 400 and "redirect error" in str(err.msg):
            raise ValueError(f"more than {max_redirects} redirects") from None
        raise ValueError(f"the server answered {err.code} {err.reason}") from None
    except urllib.error.URLError as err:
        if isinstance(err.reason, TimeoutError):
            raise ValueError(f"no answer within {timeout:g} seconds") from None
        raise ValueError(f"cannot fetch: {err.reason}") from None
    except TimeoutError:
        raise ValueError(f"no {'complete ' if answered else ''}answer within {timeout:g} seconds") from None
    except (OSError, http.client.HTTPException) as err:
        raise ValueError(f"cannot fetch: {err or type(err).__name__}") from None


def _set_timeout(response, seconds: float) -> None:
    """Let a single read wait no longer than the time the fetch has left."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if sock is not None:
        sock.settimeout(max(0.01, seconds))
