"""Browser tests: the real app in a subprocess on a fresh, migrated, seeded SQLite file, driven by Debian's Chromium.

Every test under tests/e2e is marked `e2e` (deselect with -m "not e2e"). Without /usr/bin/chromium they are
skipped locally, but fail under CI=true so a broken CI machine cannot pass by skipping. A failing test leaves a
screenshot in test-artifacts/, next to the server's log.
"""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import NamedTuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
BIN = Path(sys.executable).parent          # the venv running pytest has alembic and flask beside python
CHROMIUM = Path("/usr/bin/chromium")
# The closed network refuses Chromium's background connections; these flags stop it from trying.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
START_TIMEOUT = 60
DEMO_PASSWORD = "e2e-demo-pass"            # every demo account's password on the test server
_REPORTS = pytest.StashKey[dict]()


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report   # lets the page fixture see whether the test failed
    return report


class Server(NamedTuple):
    url: str            # base URL, e.g. http://127.0.0.1:54321
    database_url: str   # the server's database, for tests that prepare or check data directly
    seed_output: str    # what seed-demo printed (the demo accounts)
    demo_password: str  # the password of every demo account


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run(args, env, log):
    """Run a set-up command, its output appended to the server log; fail the session with that output if it fails."""
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    log.write(f"$ {' '.join(map(str, args))}\n{done.stdout}{done.stderr}\n")
    log.flush()
    if done.returncode:
        pytest.fail(f"e2e set-up failed: {' '.join(map(str, args))}\n{done.stdout}{done.stderr}", pytrace=False)
    return done.stdout


def _wait_until_up(url, proc, log_path):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"the server exited with {proc.returncode}:\n{log_path.read_text()[-3000:]}", pytrace=False)
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return                       # any HTTP answer (404, 302 to login…) means it is serving
        except OSError:
            time.sleep(0.2)
    pytest.fail(f"the server did not answer {url} within {START_TIMEOUT}s:\n{log_path.read_text()[-3000:]}",
                pytrace=False)


@pytest.fixture(scope="package")
def server(tmp_path_factory):
    ARTIFACTS.mkdir(exist_ok=True)
    folder = tmp_path_factory.mktemp('e2e')
    database_url = f"sqlite:///{folder / 'e2e.sqlite3'}"
    # DOUDI_* become Flask settings: fixed secrets so the shared instance/ folder gets no files from this run (the
    # audit anchors of this database above all: another database checked against them would look truncated).
    env = {**os.environ, "DATABASE_URL": database_url, "DOUDI_SECRET_KEY": "e2e-only-secret",
           "DOUDI_AUDIT_KEY": "e2e-only-audit-key", "DOUDI_AUDIT_ANCHOR_LOG": str(folder / "audit_anchors.log"),
           "DOUDI_DEMO_PASSWORD": DEMO_PASSWORD, "PYTHONUNBUFFERED": "1"}
    env.pop("TEST_DATABASE_URL", None)
    flask = [BIN / "flask", "--app", "web"]
    log_path = ARTIFACTS / "e2e-server.log"
    with open(log_path, "w") as log:
        _run([BIN / "alembic", "upgrade", "head"], env, log)
        _run([*flask, "deploy", "workflows/bpmn"], env, log)
        seed_output = _run([*flask, "seed-demo"], env, log)
        port = _free_port()
        url = f"http://127.0.0.1:{port}"
        proc = subprocess.Popen([*flask, "serve", "--port", str(port), "--demo-clock"], cwd=ROOT, env=env,
                                stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until_up(url, proc, log_path)
            yield Server(url, database_url, seed_output, DEMO_PASSWORD)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="package")
def live_server(server) -> str:
    """Base URL of the running app."""
    return server.url


# Package scope, not session: Playwright's sync API keeps an event loop running in this thread until it stops,
# and later tests (pyHanko signing) call asyncio.run(), which refuses to start inside a running loop.
@pytest.fixture(scope="package")
def browser():
    if not CHROMIUM.exists():
        reason = f"{CHROMIUM} not found: apt-get install chromium (never `playwright install`)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, request):
    """A fresh browser context (no cookies) in Chinese, with relative URLs resolved against the app."""
    context = browser.new_context(base_url=live_server, locale="zh-CN", timezone_id="Asia/Shanghai")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    reports = request.node.stash.get(_REPORTS, {})
    if any(r.failed for r in reports.values()):
        name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    context.close()
