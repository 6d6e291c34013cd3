"""WeasyPrint's URL fetcher for documents: data: URLs and the project's own static assets, nothing else.

A document must look the same in ten years and must not leak that it is being rendered, so no file: URL (it
would read the server's disk) and no network request is ever made while rendering.
"""
import mimetypes
from pathlib import Path

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

STATIC = Path(__file__).resolve().parent / "static"
BASE_URL = "http://documents.doudi.invalid/"     # .invalid never resolves: a miss cannot reach the network
STATIC_URL = BASE_URL + "static/"


class RefusedURL(FatalURLFetchingError):
    """Stops the rendering: a template that asks for a foreign resource is a bug, not a warning."""


class SafeFetcher(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("data", "http"), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        if url.startswith(STATIC_URL):
            path = (STATIC / url[len(STATIC_URL):].split("?")[0]).resolve()
            if path.is_relative_to(STATIC) and path.is_file():
                content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})
        raise RefusedURL(f"文书模板只能引用本项目的静态资源，已拒绝：{url}")
