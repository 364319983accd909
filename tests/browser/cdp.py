"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe``.

Why a pipe and not a driver library: Chromium speaks CDP on file descriptors 3 (commands in)
and 4 (replies and events out), NUL-separated JSON. That needs only the standard library,
no chromedriver, no websocket package and no downloaded browser: Debian's ``chromium`` is
enough. The browser runs with networking off (offline emulation plus a resolver that
resolves nothing), so a page that tried to fetch anything would fail visibly.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--mute-audio",
    "--hide-scrollbars",
    "--font-render-hinting=none",
    # Networking off at the resolver too: nothing outside the machine can be reached.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--proxy-server=http://127.0.0.1:9",
    "--remote-debugging-pipe",
)


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class CDPError(RuntimeError):
    pass


@dataclass
class PageEvents:
    """What a page did while loading: problems to assert on, requests it made."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


class Browser:
    """One headless Chromium, a temporary profile, and a reader thread for its pipe."""

    def __init__(self, executable: str, *, timeout: float = 30.0):
        self.timeout = timeout
        self.profile = tempfile.mkdtemp(prefix="inspdiff-chromium-")
        to_browser_r, self._to_browser = os.pipe()
        self._from_browser, from_browser_w = os.pipe()

        def child_fds() -> None:  # runs in the child before exec: put the pipe on fds 3 and 4
            hi_r = os.dup(to_browser_r)
            hi_w = os.dup(from_browser_w)
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        self.proc = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=child_fds,
            close_fds=False,
        )
        os.close(to_browser_r)
        os.close(from_browser_w)
        self._next_id = 0
        self._lock = threading.Lock()
        self._replies: dict[int, queue.Queue] = {}
        self._listeners: dict[str, list] = {}
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()

    # -- plumbing ------------------------------------------------------------------------
    def _read_loop(self) -> None:
        buf = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                for q in list(self._replies.values()):
                    q.put({"error": {"message": "browser closed the pipe"}})
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw)
                if "id" in msg:
                    q = self._replies.get(msg["id"])
                    if q is not None:
                        q.put(msg)
                else:
                    for fn in list(self._listeners.get(msg.get("sessionId", ""), ())):
                        fn(msg["method"], msg.get("params", {}))

    def send(self, method: str, params: dict | None = None, session: str | None = None) -> dict:
        with self._lock:
            self._next_id += 1
            mid = self._next_id
            q: queue.Queue = queue.Queue()
            self._replies[mid] = q
        msg: dict = {"id": mid, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        data = json.dumps(msg).encode("utf-8") + b"\0"
        view = memoryview(data)
        while view:
            view = view[os.write(self._to_browser, view) :]
        try:
            reply = q.get(timeout=self.timeout)
        except queue.Empty:
            raise CDPError(f"{method}: no reply in {self.timeout} s") from None
        finally:
            self._replies.pop(mid, None)
        if "error" in reply:
            raise CDPError(f"{method}: {reply['error'].get('message')}")
        return reply.get("result", {})

    def close(self) -> None:
        with contextlib.suppress(CDPError):
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for fd in (self._to_browser, self._from_browser):
            with contextlib.suppress(OSError):
                os.close(fd)
        shutil.rmtree(self.profile, ignore_errors=True)

    # -- pages ---------------------------------------------------------------------------
    def open(self, url: str, *, width: int = 1280, height: int = 900, mobile: bool = False):
        """A new tab showing ``url`` offline; returns the Page once the load event fired."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        page = Page(self, target, session)
        self._listeners[session] = [page._on_event]
        for domain in ("Page", "Runtime", "Log", "Network"):
            page.send(f"{domain}.enable")
        page.send(
            "Network.emulateNetworkConditions",
            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1},
        )
        page.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )
        page.navigate(url)
        return page


class Page:
    def __init__(self, browser: Browser, target: str, session: str):
        self.browser = browser
        self.target = target
        self.session = session
        self.events = PageEvents()
        self._loaded = threading.Event()

    def send(self, method: str, params: dict | None = None) -> dict:
        return self.browser.send(method, params, self.session)

    def _on_event(self, method: str, params: dict) -> None:
        ev = self.events
        if method == "Page.loadEventFired":
            self._loaded.set()
        elif method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            ev.errors.append(f"exception: {d.get('exception', {}).get('description') or d}")
        elif method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            ev.errors.append(f"console.{params['type']}: {params['args']}")
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            # CSP violations arrive here (source "security"), as do failed loads.
            e = params["entry"]
            ev.errors.append(f"{e.get('source')}: {e.get('text')}")
        elif method == "Page.javascriptDialogOpening":
            ev.dialogs.append(params.get("message", ""))
            # Dismiss it from the reader thread's point of view without blocking on a reply.
            threading.Thread(
                target=self.send, args=("Page.handleJavaScriptDialog", {"accept": False})
            ).start()
        elif method == "Network.requestWillBeSent":
            ev.requests.append(params["request"]["url"])

    def navigate(self, url: str) -> None:
        self._loaded.clear()
        reply = self.send("Page.navigate", {"url": url})
        if reply.get("errorText"):
            raise CDPError(f"navigate {url}: {reply['errorText']}")
        if not self._loaded.wait(self.browser.timeout):
            raise CDPError(f"{url}: no load event in {self.browser.timeout} s")
        # Let late console messages (CSP reports are queued) arrive.
        self.evaluate("new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")

    def evaluate(self, expression: str):
        """Evaluate in the page (DevTools evaluation is not subject to the page's CSP)."""
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise CDPError(f"evaluate: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        params: dict = {"format": "png"}
        if full_page:
            metrics = self.send("Page.getLayoutMetrics")
            size = metrics.get("cssContentSize") or metrics["contentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": min(size["height"], 12000),
                "scale": 1,
            }
        data = self.send("Page.captureScreenshot", params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

    def close(self) -> None:
        self.browser._listeners.pop(self.session, None)
        self.browser.send("Target.closeTarget", {"targetId": self.target})


def wait_until(predicate, timeout: float = 2.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.02)
    return predicate()
