"""HTTP hardening applied to every request: the proxy headers we trust, the body size a plain form may have, and the
browser protections on every response (CSP without inline script or style, no framing, nosniff, referrer)."""
from flask import current_app, request
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",            # no inline script or event handler: web/static/doudi.js binds them
    "style-src 'self'",
    "img-src 'self' data:",         # QR codes and Pico's inline SVG icons
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def init_app(app) -> None:
    """Call before CSRFProtect.init_app: the form limit must be in place before the CSRF check reads the form."""
    proxies = {key: int(app.config[f"PROXY_FIX_{key.upper()}"] or 0)
               for key in ("x_for", "x_proto", "x_host", "x_port", "x_prefix")}
    if any(proxies.values()):   # off by default: a client could otherwise choose its own IP for the login limit
        app.wsgi_app = ProxyFix(app.wsgi_app, **proxies)
    app.before_request(_limit_form_body)
    app.after_request(_add_headers)


def _limit_form_body() -> None:
    """A urlencoded (or any non-multipart) body is parsed whole, so it gets a small limit; multipart bodies carry
    files and keep MAX_CONTENT_LENGTH, their text fields bounded by MAX_FORM_MEMORY_SIZE and MAX_FORM_PARTS."""
    if request.mimetype != "multipart/form-data":
        request.max_content_length = current_app.config["MAX_FORM_BYTES"]


def _add_headers(response):
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    return response
