"""The schemas speak Chinese in editors: errorMessage / patternErrorMessage on fields, enumDescriptions = labels.

The YAML language server (VS Code's YAML extension, and others) shows a schema's ``errorMessage`` or
``patternErrorMessage`` instead of its English text, and ``enumDescriptions`` next to each completion.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any

import pytest

from tests import waiting
from tests.conftest import REPO, run_cli, write_registry

SCHEMAS = sorted((REPO / "schemas").glob("*.schema.json"))
CJK = re.compile("[\u4e00-\u9fff]")


def nodes(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        out.append((path, node))
        for key, value in node.items():
            out += nodes(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += nodes(value, f"{path}/{i}")
    return out


def every_node() -> list[tuple[str, dict[str, Any]]]:
    return [(f"{p.name}#{path}", n) for p in SCHEMAS for path, n in nodes(json.loads(p.read_text("utf-8")))]


def test_every_pattern_and_format_has_a_chinese_message() -> None:
    missing = []
    for where, node in every_node():
        if "pattern" in node and not CJK.search(str(node.get("patternErrorMessage", ""))):
            missing.append(f"{where}: patternErrorMessage")
        if "format" in node and not CJK.search(str(node.get("errorMessage", ""))):
            missing.append(f"{where}: errorMessage")
    assert not missing


def test_every_bounded_integer_has_a_chinese_message() -> None:
    missing = [
        where
        for where, node in every_node()
        if node.get("type") == "integer" and ("minimum" in node or "maximum" in node)
        if not CJK.search(str(node.get("errorMessage", "")))
    ]
    assert not missing


def test_messages_sit_on_fields_not_on_objects() -> None:
    on_objects = [w for w, n in every_node() if n.get("type") == "object" and "errorMessage" in n]
    assert not on_objects


def test_enum_descriptions_are_the_labels() -> None:
    checked = 0
    for where, node in every_node():
        if "enum" in node and isinstance(node.get("x-labels"), dict):
            labels = node["x-labels"]
            assert node.get("enumDescriptions") == [labels[str(c)] for c in node["enum"]], where
            checked += 1
    assert checked >= 15


def test_kexie_check_uses_the_schema_message(tmp_path: Path) -> None:
    body = "id: demo-xuehui\nkind: society\nname: 测试学会\nstatus: active\nfounded: 2020-02-30\n"
    root = write_registry(tmp_path / "reg", {"records/societies/demo-xuehui.yaml": body})
    found = [f["message"] for f in run_cli(["check", "--format", "json"], root).json() if f["code"] == "K104"]
    assert found == ["成立日期（founded）格式不对：「2020-02-30」，应为 YYYY-MM-DD 格式的真实日期，如 2026-05-31"]


# --- the YAML language server over stdio ------------------------------------------------------------


def _server() -> str | None:
    """yaml-language-server from PATH, ``KEXIE_YAML_LS`` or ``.ci/node`` (``.ci/run`` installs it from npm)."""
    for candidate in (
        os.environ.get("KEXIE_YAML_LS", ""),
        shutil.which("yaml-language-server") or "",
        str(REPO / ".ci/node/node_modules/.bin/yaml-language-server"),
    ):
        if candidate and Path(candidate).is_file() and shutil.which("node"):
            return candidate
    return None


class Lsp:
    def __init__(self, command: list[str]) -> None:
        self.proc = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self.messages: list[dict[str, Any]] = []
        self.lock = threading.Condition()  # notified at each message the server sends
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.next_id = 0

    def _read(self) -> None:
        out = self.proc.stdout
        assert out is not None
        while True:
            length = 0
            while (line := out.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(out.read(length))
            with self.lock:
                self.messages.append(message)
                self.lock.notify_all()
            if message.get("method") in ("workspace/configuration", "client/registerCapability") and "id" in message:
                result: Any = (
                    [{"validate": True, "schemas": {}}] if message["method"].endswith("configuration") else None
                )
                self.send({"jsonrpc": "2.0", "id": message["id"], "result": result})

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.proc.stdin is not None
        self.proc.stdin.write(f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        self.proc.stdin.flush()

    def request(self, method: str, params: dict[str, Any]) -> None:
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params})

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The first non-empty diagnostics for ``uri``, however long the server takes while it works.

        A server that uses no CPU for ``waiting.STALL`` seconds without answering is blocked: the test fails.
        """
        watch = waiting.Watch(self.proc.pid)
        with self.lock:
            while True:
                found = [
                    m["params"]["diagnostics"]
                    for m in self.messages
                    if m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
                ]
                if found and found[-1]:
                    return list(found[-1])
                self.lock.wait(waiting.STEP)  # clock-ok: woken by each message; the step only paces the watch
                watch.check()

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        self.reader.join(timeout=10)  # clock-ok: clean-up of a killed server, no verdict rests on it
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()


# a mistake of each kind -> what the server says (the schema's message; bounds in the server's own zh-cn words)
MISTAKES = {
    "founded: 2020-13-01": "应为 YYYY-MM-DD 格式的真实日期",
    "founded: 20200101": "应为 YYYY-MM-DD 格式的真实日期",
    "term: {number: 九, started: 2020-01-01, years: 4}": "届次应为 1 至 999 的整数",
    "term: {number: 0, started: 2020-01-01, years: 4}": "值低于最小值 1",
    "council: {members: 很多}": "应为 0 至 1 亿之间的整数",
    "registration: {uscc: 5133}": "统一社会信用代码应为 18 位数字或大写字母",
    "stars: [{year: 2024, stars: 五}]": "星级应为 1 至 5 的整数",
    "id: Demo_X": "标识符只能由小写字母、数字和连字符组成",
}


@pytest.mark.skipif(_server() is None, reason="yaml-language-server is not installed (npm; .ci/run installs it)")
def test_the_yaml_language_server_shows_chinese_messages(tmp_path: Path) -> None:
    server = _server()
    assert server is not None
    shutil.copytree(REPO / "schemas", tmp_path / "schemas")
    folder = tmp_path / "records" / "societies"
    folder.mkdir(parents=True)
    lsp = Lsp(["node", server, "--stdio"] if not server.endswith("yaml-language-server") else [server, "--stdio"])
    try:
        init: dict[str, Any] = {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}, "locale": "zh-cn"}
        lsp.request("initialize", init)
        lsp.notify("initialized", {})
        lsp.notify("workspace/didChangeConfiguration", {"settings": {"yaml": {"validate": True, "schemas": {}}}})
        for i, (line, wanted) in enumerate(MISTAKES.items()):
            path = folder / f"demo-{i}.yaml"
            text = (
                "# yaml-language-server: $schema=../../schemas/society.schema.json\n"
                f"id: demo-{i}\nkind: society\nname: 测试学会\nstatus: active\nfounded: 2020-01-01\n"
                "level: municipal\ndiscipline: science\nregistration: {uscc: 51330100MJ00000001}\n"
            )
            key = line.split(":")[0]
            text = "\n".join(x for x in text.splitlines() if not x.startswith(f"{key}:")) + f"\n{line}\n"
            path.write_text(text, encoding="utf-8")
            uri = path.as_uri()
            lsp.notify(
                "textDocument/didOpen",
                {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}},
            )
            messages = [d["message"] for d in lsp.diagnostics(uri)]
            assert any(wanted in m for m in messages), (line, messages)
            assert all(CJK.search(m) for m in messages), (line, messages)
    finally:
        lsp.close()
