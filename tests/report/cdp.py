"""A minimal Chrome DevTools Protocol client over ``--remote-debugging-pipe`` (no extra dependency).

Chromium reads NUL-terminated JSON commands on fd 3 and writes replies and events on fd 4.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.waiting import STEP, Watch

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--remote-debugging-pipe",
]


def find_chromium() -> str | None:
    env = os.environ.get("KEXIE_CHROMIUM")
    for candidate in (env, *CANDIDATES, shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _high(fds: tuple[int, int]) -> tuple[int, int]:
    """The pipe's descriptors moved above 10, so that making fds 3 and 4 in the child cannot clobber them."""
    import fcntl  # noqa: PLC0415 - POSIX only (absent on Windows)

    out = []
    for fd in fds:
        out.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    return out[0], out[1]


class Browser:
    def __init__(self, binary: str, profile: Path) -> None:
        to_child, self._out = _high(os.pipe())  # we write commands
        self._in, from_child = _high(os.pipe())  # we read replies

        def wire() -> None:  # runs in the child: the protocol's fixed descriptors
            os.dup2(to_child, 3)
            os.dup2(from_child, 4)

        self.proc = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=wire,  # noqa: PLW1509 - single-threaded test process
            pass_fds=(3, 4),  # kept open in the child after ``wire`` made them
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session is not None:
            message["sessionId"] = session
        os.write(self._out, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self.events.append(reply)

    def wait_for(self, method: str, session: str | None, start: int = 0) -> dict[str, Any]:
        """The first event ``method`` of ``session`` from ``self.events[start]`` on (read more as needed)."""

        def wanted(event: dict[str, Any]) -> bool:
            return event.get("method") == method and event.get("sessionId") == session

        for event in self.events[start:]:
            if wanted(event):
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if wanted(event):
                return event

    def _read(self) -> dict[str, Any]:
        watch = Watch(self.proc.pid)  # a slow answer is awaited; a browser that uses no CPU at all is blocked
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._in], [], [], STEP)
            if not ready:
                watch.check()
                continue
            chunk = os.read(self._in, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self._buffer += chunk
        raw, _, self._buffer = self._buffer.partition(b"\0")
        message: dict[str, Any] = json.loads(raw)
        return message

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.send("Browser.close")
        with contextlib.suppress(OSError):
            os.close(self._out)
        try:
            self.proc.wait(timeout=10)  # clock-ok: clean-up (a browser that does not close is killed)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        with contextlib.suppress(OSError):
            os.close(self._in)


@contextlib.contextmanager
def browser(binary: str, profile: Path) -> Iterator[Browser]:
    instance = Browser(binary, profile)
    try:
        yield instance
    finally:
        instance.close()


class Page:
    """One tab, with console, log and network events recorded."""

    def __init__(self, chrome: Browser, width: int, height: int, mobile: bool = False) -> None:
        self.chrome = chrome
        target = chrome.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = chrome.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(f"{domain}.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile},
        )

    def call(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.chrome.send(method, params, self.session)

    def open(self, url: str) -> None:
        start = len(self.chrome.events)
        self.call("Page.navigate", {"url": url})
        self.chrome.wait_for("Page.loadEventFired", self.session, start)

    def evaluate(self, expression: str) -> Any:
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in result:
            raise RuntimeError(str(result["exceptionDetails"]))
        return result["result"].get("value")

    def problems(self) -> list[str]:
        """Console errors, uncaught exceptions and error log entries (failed loads ...) of this page."""
        out = []
        for event in self.chrome.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in {"error", "assert"}:
                out.append(f"console.{params['type']}: {params.get('args')}")
            elif method == "Runtime.exceptionThrown":
                out.append(f"exception: {params.get('exceptionDetails')}")
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                out.append(f"log: {params['entry'].get('text')} {params['entry'].get('url', '')}")
        return out

    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.chrome.events
            if e.get("sessionId") == self.session and e.get("method") == "Network.requestWillBeSent"
        ]

    def screenshot(self, path: Path) -> None:
        data = self.call("Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True})["data"]
        path.write_bytes(base64.b64decode(data))

    def pdf(self) -> bytes:
        data = self.call("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"]
        return base64.b64decode(data)
