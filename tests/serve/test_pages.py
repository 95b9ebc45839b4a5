"""Every reading page of ``kexie serve`` through Flask's test client: the CLI's numbers and words, escaping, ids."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from kexie_cli import kinds
from kexie_cli.registry import monitor
from tests import waiting
from tests.conftest import AS_OF, copy_sample, run_cli
from tests.serve.conftest import SOCIETY, client_for, error_of, text


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="module")
def client(sample: Path) -> object:
    return client_for(sample)


def cli_json(root: Path, *args: str) -> object:
    run = run_cli([*args, "--format", "json"], root)
    assert run.exit_code in {0, 1}, run.stderr
    return json.loads(run.stdout)


PAGES = [
    "/",
    *(f"/list/{k.folder}" for k in kinds.KINDS),  # every kind of kinds.py has its list page
    "/list/leaders",
    "/find?q=slxh",
    "/find",
    "/check",
    "/check?severity=warning",
    "/elections",
    "/inspections",
    "/inspections?year=2024",
    "/party",
    "/summary",
    "/report",
    "/import",
    f"/record/{SOCIETY}",
    f"/record/{SOCIETY}/edit",
    "/record/jixie-zhuzao-fenhui",
    "/record/jisuanji-dongcheng-lianluochu",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_answers(client: object, page: str) -> None:
    answer = client.get(page)  # type: ignore[attr-defined]
    assert answer.status_code == 200, error_of(answer)
    body = text(answer)
    assert "内部错误" not in body
    assert answer.headers["Content-Security-Policy"].startswith("default-src 'none'")
    assert 'data-banner="no-git"' in body  # the copy is not a Git repository: every page says so


def test_dashboard_counts_are_the_clis(client: object, sample: Path) -> None:
    body = text(client.get("/"))  # type: ignore[attr-defined]
    due = cli_json(sample, "due-elections", "--as-of", AS_OF)
    assert isinstance(due, list)
    overdue = sum(1 for item in due if item["state"] == "overdue")
    assert f'data-count="overdue">{overdue}<' in body
    assert f'data-count="due">{len(due) - overdue}<' in body
    findings = cli_json(sample, "check", "--as-of", AS_OF)
    assert isinstance(findings, list)
    for severity in ("error", "warning", "info"):
        count = sum(1 for f in findings if f["severity"] == severity)
        assert f'data-count="{severity}">{count}<' in body
    for item in due:
        assert f'href="/record/{item["id"]}"' in body


def test_list_filters_sorts_and_pages_like_list(client: object, sample: Path) -> None:
    rows = cli_json(sample, "list", "societies", "--where", "level=municipal", "--sort", "-founded", "--as-of", AS_OF)
    assert isinstance(rows, list) and len(rows) > 50
    body = text(client.get("/list/societies?where=level%3Dmunicipal&sort=-founded"))  # type: ignore[attr-defined]
    first = body.index(f'href="/record/{rows[0]["id"]}"')
    second = body.index(f'href="/record/{rows[1]["id"]}"')
    assert first < second
    assert f"共 {len(rows)} 条" in body  # paged: the rest on page 2
    assert f'href="/record/{rows[60]["id"]}"' not in body if len(rows) > 60 else True
    page2 = text(client.get("/list/societies?where=level%3Dmunicipal&sort=-founded&page=2"))  # type: ignore[attr-defined]
    assert f'href="/record/{rows[50]["id"]}"' in page2
    bad = client.get("/list/societies?where=stars.latest%3E%3Dabc")  # type: ignore[attr-defined]
    assert bad.status_code == 400 and "abc" in error_of(bad)
    assert client.get("/list/nothing").status_code == 400  # type: ignore[attr-defined]


def test_search_by_pinyin_and_traditional(client: object) -> None:
    assert "示例市水利学会" in text(client.get("/find?q=slxh"))  # type: ignore[attr-defined]
    assert "示例市水利学会" in text(client.get("/list/societies?q=%E6%B0%B4%E5%88%A9"))  # type: ignore[attr-defined]
    traditional = text(client.get("/list/societies?q=" + "水利學會"))  # type: ignore[attr-defined]
    assert "示例市水利学会" in traditional and "与“水利學會”匹配的 1 条" in traditional


def test_xlsx_export_is_the_current_view(client: object, sample: Path) -> None:
    from openpyxl import load_workbook  # noqa: PLC0415 - slow to import, one test

    answer = client.get("/list/societies.xlsx?where=discipline%3D%E5%8C%BB%E7%A7%91")  # type: ignore[attr-defined]
    assert answer.status_code == 200 and answer.data[:2] == b"PK"
    sheet = load_workbook(io.BytesIO(answer.data)).active
    names = {str(c.value) for row in sheet.iter_rows() for c in row if c.value}
    rows = cli_json(sample, "list", "societies", "--where", "discipline=医科", "--as-of", AS_OF)
    assert isinstance(rows, list)
    assert {r["name"] for r in rows} <= names
    assert "示例市水利学会" not in names


def test_record_page_shows_fields_derived_findings(client: object, sample: Path) -> None:
    body = text(client.get(f"/record/{SOCIETY}"))  # type: ignore[attr-defined]
    shown = cli_json(sample, "show", SOCIETY, "--as-of", AS_OF)
    assert isinstance(shown, dict)
    assert "统一社会信用代码" in body and shown["record"]["registration"]["uscc"] in body
    assert "届满日期" in body  # a derived fact
    assert 'data-action="elect"' in body and 'data-action="inspect"' in body


def test_letters_are_docx(client: object) -> None:
    body = text(client.get("/elections"))  # type: ignore[attr-defined]
    first = body.split('data-letter="', 1)[1].split('"', 1)[0]
    letter = client.get(f"/letters/elections/{first}.docx")  # type: ignore[attr-defined]
    assert letter.status_code == 200 and letter.data[:2] == b"PK"
    assert "word/document.xml" in zipfile.ZipFile(io.BytesIO(letter.data)).namelist()
    bundle = client.get("/letters/elections.zip")  # type: ignore[attr-defined]
    assert len(zipfile.ZipFile(io.BytesIO(bundle.data)).namelist()) == body.count("data-letter=")


def test_report_is_the_html_report(client: object) -> None:
    answer = client.get("/report.html")  # type: ignore[attr-defined]
    assert answer.status_code == 200 and "<svg" in text(answer)
    assert "script-src" not in answer.headers["Content-Security-Policy"]
    assert client.get("/report.docx").data[:2] == b"PK"  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("page", "status"),
    [
        ("/record/..%2F..%2Fkexie", 404),
        ("/record/Shuili-Xuehui", 400),
        ("/record/.hidden", 400),
        ("/record/no-such-record", 404),
        ("/record/no-such-record/edit", 404),
        ("/letters/elections/..%2Fx.docx", 404),
        ("/letters/other.zip", 400),
    ],
)
def test_ids_go_through_the_id_check(client: object, page: str, status: int) -> None:
    """A slash never reaches a route's id (404: no such page); any other non-slug is refused by the CLI's check."""
    answer = client.get(page)  # type: ignore[attr-defined]
    assert answer.status_code == status
    assert "内部错误" not in text(answer) and error_of(answer)


def test_hostile_values_are_escaped(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    path = root / "records" / "societies" / f"{SOCIETY}.yaml"
    source = path.read_text(encoding="utf-8")
    hostile = '"<script>alert(1)</script>\\u0007=HYPERLINK(\\"http://x\\")"'
    path.write_text(source.replace("name: 示例市水利学会", f"name: {hostile}", 1), encoding="utf-8")
    client = client_for(root)
    for page in (f"/record/{SOCIETY}", f"/record/{SOCIETY}/edit", "/list/societies?q=hyperlink", "/find?q=script"):
        body = text(client.get(page))
        assert "<script>alert" not in body, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body, page
        assert "\x07" not in body, page


def test_host_header_is_checked_on_loopback(client: object) -> None:
    answer = client.get("/", headers={"Host": "evil.example:8420"})  # type: ignore[attr-defined]
    assert answer.status_code == 400
    assert client.get("/", headers={"Host": "localhost:8420"}).status_code == 200  # type: ignore[attr-defined]


def test_token_is_required_when_set(sample: Path) -> None:
    client = client_for(sample, token="a-long-enough-token")
    assert client.get("/").headers["Location"].endswith("/login")
    assert client.get("/list/societies").status_code == 302
    assert client.get("/?token=wrong-token-value").status_code == 302
    assert client.get("/login").status_code == 200
    with client.get("/static/app.js") as asset:
        assert asset.status_code == 200  # the login page's own assets
    assert client.get("/?token=a-long-enough-token").status_code == 302
    assert client.get("/").status_code == 200  # the session now carries it


def test_english_pages(sample: Path) -> None:
    body = text(client_for(sample, lang="en").get("/"))
    assert "Dashboard" in body and "工作台" not in body


def test_changes_on_disk_are_seen(tmp_path: Path) -> None:
    """A file replaced by a rename is seen by the next page; one rewritten in place after the walk."""
    import os  # noqa: PLC0415 - one test

    root = copy_sample(tmp_path)
    client = client_for(root)
    current = client.application.extensions["kexie"]
    assert "示例市水利学会" in text(client.get(f"/record/{SOCIETY}"))
    path = root / "records" / "societies" / f"{SOCIETY}.yaml"
    new = path.with_name(".tmp.yaml")
    new.write_text(
        path.read_text(encoding="utf-8").replace("示例市水利学会", "示例市水利改名学会", 1), encoding="utf-8"
    )
    new.replace(path)
    assert "示例市水利改名学会" in text(client.get(f"/record/{SOCIETY}"))
    folder = path.parent.stat()
    with path.open("r+", encoding="utf-8") as handle:  # in place: the folder does not change
        body = handle.read().replace("示例市水利改名学会", "示例市水利再改学会", 1)
        handle.seek(0)
        handle.write(body)
        handle.truncate()
    os.utime(path.parent, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    assert current.rescan() is True
    assert "示例市水利再改学会" in text(client.get(f"/record/{SOCIETY}"))
    assert current.rescan() is False  # nothing changed since


@pytest.mark.skipif(not monitor.available(), reason="inotify is Linux's")
def test_with_a_watch_an_edit_in_place_is_seen_by_the_next_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """kexie serve holds a watch (kexie_cli/registry/monitor.py): no walk, and no wait for one."""
    import os  # noqa: PLC0415 - one test

    monkeypatch.setattr(monitor, "TIMEOUT", waiting.STALL)  # a busy machine: the socket's answer may be slow
    root = copy_sample(tmp_path)
    client = client_for(root)
    current = client.application.extensions["kexie"]
    with monitor.watching(root) as watch:
        current.watch = watch
        assert "示例市水利学会" in text(client.get(f"/record/{SOCIETY}"))
        assert current.fingerprint()[0] == "watch" and current._files == ""  # no walk was made
        path = root / "records" / "societies" / f"{SOCIETY}.yaml"
        st = path.stat()
        with path.open("r+", encoding="utf-8") as handle:  # in place, the same size and mtime
            body = handle.read().replace("示例市水利学会", "示例市水利学社", 1)
            handle.seek(0)
            handle.write(body)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        assert "示例市水利学社" in text(client.get(f"/record/{SOCIETY}"))
        assert monitor.ask(root) is not None  # the server answers other commands too
    assert current.fingerprint()[0] == "walk"  # the watch closed: the walk again
