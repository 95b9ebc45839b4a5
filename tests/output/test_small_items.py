"""Smaller output items of issue 14: ics SEQUENCE, CSV BOM rule, find ranking, fmt modeline."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from icalendar import Calendar

from tests.calendar.helpers import ELECTIONS
from tests.conftest import AS_OF, REPO, run_cli, write_registry


def _events(path: Path) -> dict[str, object]:
    return {str(e["uid"]): e for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")}


def test_ics_events_carry_a_sequence_that_grows_with_an_extension(tmp_path: Path) -> None:
    registry = tmp_path / "reg"
    shutil.copytree(ELECTIONS, registry)
    target = tmp_path / "due.ics"
    args = ["due-elections", "--as-of", AS_OF, "--format", "ics", "--output", str(target)]
    assert run_cli(args, registry).exit_code == 0
    found = _events(target)
    assert all("SEQUENCE" in e for e in found.values())  # type: ignore[operator]
    plain = found["leap-day-term-2024-02-29@kexie"]
    extended = found["ext-today-term-2021-06-30@kexie"]
    assert plain["SEQUENCE"] == 0  # type: ignore[index]
    first = extended["SEQUENCE"]  # type: ignore[index]
    assert first > 0
    record = registry / "records/societies/ext-today.yaml"
    record.write_text(record.read_text(encoding="utf-8").replace("2026-11-23", "2027-03-01"), encoding="utf-8")
    assert run_cli(args, registry).exit_code == 0
    moved = _events(target)["ext-today-term-2021-06-30@kexie"]
    assert moved.decoded("dtstart") == dt.date(2027, 3, 1)  # type: ignore[attr-defined]
    assert moved["SEQUENCE"] > first  # type: ignore[index]


def test_csv_has_a_bom_in_a_named_file_and_none_on_stdout(tmp_path: Path) -> None:
    out = run_cli(["due-elections", "--as-of", AS_OF, "--format", "csv"], REPO).stdout
    assert not out.startswith("\ufeff")
    target = tmp_path / "due.csv"
    assert run_cli(["due-elections", "--as-of", AS_OF, "--format", "csv", "-o", str(target)], REPO).exit_code == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw[3:].decode("utf-8") == out
    check = run_cli(["check", "--as-of", AS_OF, "--format", "csv"], REPO).stdout
    assert check.startswith("code,severity,")


SOCIETY_BODY = (
    "id: wuli-xuehui\nkind: society\nname: 示例市物理学会\nstatus: active\nfounded: 1980-05-01\n"
    "level: municipal\ndiscipline: science\nregistration:\n  uscc: 51369900MJ0000012D\n"
)
MODELINE = "# yaml-language-server: $schema=../../schemas/society.schema.json\n"


def test_fmt_adds_no_modeline_where_the_registry_has_no_schemas(tmp_path: Path) -> None:
    root = write_registry(tmp_path / "reg", {"records/societies/wuli-xuehui.yaml": SOCIETY_BODY})
    path = root / "records/societies/wuli-xuehui.yaml"
    assert run_cli(["fmt"], root).exit_code == 0
    assert "$schema" not in path.read_text(encoding="utf-8")
    assert run_cli(["fmt", "--check"], root).exit_code == 0
    custom = "# yaml-language-server: $schema=https://example.org/society.schema.json\n"
    path.write_text(SOCIETY_BODY + custom, encoding="utf-8")  # a modeline the secretariat chose, misplaced
    assert run_cli(["fmt"], root).exit_code == 0
    assert path.read_text(encoding="utf-8") == custom + SOCIETY_BODY
    # with the registry's own schemas/ the canonical modeline comes first
    shutil.copytree(REPO / "schemas", root / "schemas")
    path.write_text(SOCIETY_BODY, encoding="utf-8")
    assert run_cli(["fmt"], root).exit_code == 0
    assert path.read_text(encoding="utf-8") == MODELINE + SOCIETY_BODY


def test_find_initials_skip_the_shared_place_prefix() -> None:
    rows = run_cli(["find", "slxh", "--format", "json"], REPO).json()
    ids = [r["id"] for r in rows]
    assert ids[0] == "shuili-xuehui"
    assert "linxuehui" not in ids  # 示例市林学会: s-l from 示例, s from 市 — not 水利学会
    assert ids.index("shuili-xuehui-dangzhibu") < ids.index("jiaotong-jianshe-lianhe-dangzhibu")
    assert "linxuehui" in [r["id"] for r in run_cli(["find", "lxh", "--format", "json"], REPO).json()]
