"""Saving through ``kexie serve``: one commit of one file, validation first, stale forms, CSRF, read-only, import."""

from __future__ import annotations

import io
from pathlib import Path

from tests.conftest import copy_sample
from tests.serve.conftest import SOCIETY, client_for, error_of, field_named, form_of, git, text

EDIT = f"/record/{SOCIETY}/edit"
FILE = f"records/societies/{SOCIETY}.yaml"


def secretary_general(data: object) -> tuple[str, str]:
    """(form name, current name) of the society's 秘书长."""
    (role,) = [k for k, v in data.items(multi=True) if k.endswith(".role") and v == "secretary-general"]  # type: ignore[attr-defined]
    name = role.removesuffix(".role") + ".name"
    return name, data[name]  # type: ignore[index]


def test_edit_secretary_general_is_one_commit_of_one_line(sample_git: Path) -> None:
    client = client_for(sample_git)
    data = form_of(client, EDIT)
    assert "author" in data  # Git has no identity: the page asks for a name, once
    name, old = secretary_general(data)
    data[name] = "李四"
    data["author"] = "张三"
    answer = client.post(EDIT, data=data)
    assert answer.status_code == 302, error_of(answer) or text(answer)[-800:]
    assert git(sample_git, "log", "-1", "--format=%an|%s") == f"张三|示例市水利学会：秘书长：{old} → 李四\n"
    assert git(sample_git, "show", "--name-only", "--format=", "HEAD").split() == [FILE]
    diff = git(sample_git, "diff", "-U0", "HEAD~1", "HEAD")
    changed = [line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in {"+++", "---"}]
    assert changed == [f"-    name: {old}", "+    name: 李四"]
    page = text(client.get(f"/record/{SOCIETY}"))
    assert f"秘书长：{old} → 李四" in page  # the semantic diff of the save, and in the history
    assert "author" not in form_of(client, EDIT)  # the name is kept for the session


def test_nothing_else_is_committed(sample_git: Path) -> None:
    other = sample_git / "records" / "societies" / "jinshu-xuehui.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "# local change\n", encoding="utf-8")
    git(sample_git, "add", str(other))
    client = client_for(sample_git, author="王五 <wang@example.invalid>")
    data = form_of(client, EDIT)
    data[field_named(data, ".name", secretary_general(data)[1])] = "李四"
    assert client.post(EDIT, data=data).status_code == 302
    assert git(sample_git, "show", "--name-only", "--format=%an", "HEAD").split() == ["王五", FILE]
    assert git(sample_git, "diff", "--cached", "--name-only").split() == ["records/societies/jinshu-xuehui.yaml"]


def test_bad_value_stands_next_to_its_field_and_nothing_is_written(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    before = (sample_git / FILE).read_bytes()
    data = form_of(client, EDIT)
    data["f:council.members"] = "很多"
    answer = client.post(EDIT, data=data)
    assert answer.status_code == 400
    body = text(answer)
    field = body.split('id="w-council-members"', 1)[1].split("</div>", 1)[0]
    assert 'value="很多"' in field and "field-error" in field and "不是整数" in field
    assert (sample_git / FILE).read_bytes() == before
    assert git(sample_git, "rev-list", "--count", "HEAD") == "1\n"


def test_a_change_that_brings_errors_is_refused(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    before = (sample_git / FILE).read_bytes()
    data = form_of(client, EDIT)
    name, _ = secretary_general(data)
    row = name.split(".")[1]
    data.setlist("r:leaders", [k for k in data.getlist("r:leaders") if k != row])  # remove the 秘书长: K306
    answer = client.post(EDIT, data=data)
    assert answer.status_code == 400
    assert "K306" in text(answer) or "秘书长" in text(answer)
    assert (sample_git / FILE).read_bytes() == before


def test_stale_form_is_refused_with_current_values(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    data = form_of(client, EDIT)
    name, old = secretary_general(data)
    path = sample_git / FILE
    path.write_text(path.read_text(encoding="utf-8").replace(f"name: {old}", "name: 赵六", 1), encoding="utf-8")
    data[name] = "李四"
    answer = client.post(EDIT, data=data)
    assert answer.status_code == 409
    assert "已被修改" in text(answer) and 'value="赵六"' in text(answer)
    assert "赵六" in path.read_text(encoding="utf-8") and "李四" not in path.read_text(encoding="utf-8")


def test_csrf_missing_or_wrong_is_refused(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    data = form_of(client, EDIT)
    data[secretary_general(data)[0]] = "李四"
    for token in (None, "forged"):
        sent = data.copy()
        sent.pop("_csrf")
        if token:
            sent["_csrf"] = token
        answer = client.post(EDIT, data=sent)
        assert answer.status_code == 400 and "CSRF" in error_of(answer)
    assert git(sample_git, "rev-list", "--count", "HEAD") == "1\n"
    assert client_for(sample_git).post(f"/record/{SOCIETY}/inspect", data={"year": "2025"}).status_code == 400


def test_read_only_has_no_form_and_takes_no_post(sample_git: Path) -> None:
    client = client_for(sample_git, read_only=True)
    record = text(client.get(f"/record/{SOCIETY}"))
    assert '<form method="post"' not in record and 'data-banner="read-only"' in record
    assert '<form method="post"' not in text(client.get(EDIT))
    assert '<form method="post"' not in text(client.get("/import"))
    for url in (EDIT, f"/record/{SOCIETY}/inspect", "/import", "/import/apply"):
        assert client.post(url, data={"_csrf": "x"}).status_code == 403


def test_add_and_remove_list_rows(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    data = form_of(client, EDIT)
    data.add("r:inspections", "n1")
    data["f:inspections.n1.year"] = "2026"
    data["f:inspections.n1.result"] = "submitted"
    assert client.post(EDIT, data=data).status_code == 302
    assert "year: 2026" in (sample_git / FILE).read_text(encoding="utf-8")
    data = form_of(client, EDIT)
    last = data.getlist("r:inspections")[-2]  # the last row (the empty marker comes after it)
    data.setlist("r:inspections", [k for k in data.getlist("r:inspections") if k != last])
    assert client.post(EDIT, data=data).status_code == 302
    assert "year: 2026" not in (sample_git / FILE).read_text(encoding="utf-8")
    assert git(sample_git, "rev-list", "--count", "HEAD") == "3\n"


def test_buttons_inspect_extend_step_elect(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    csrf = form_of(client, f"/record/{SOCIETY}", f"/record/{SOCIETY}/inspect")["_csrf"]
    posts = [
        ("inspect", {"year": "2026", "result": "submitted"}),
        ("step", {"step": "plan_submitted", "date": "2026-10-01", "doc_no": "示科协〔2026〕9号"}),
        ("elect", {"date": "2026-11-20", "chair": "新理事长"}),
    ]
    for action, fields in posts:
        answer = client.post(f"/record/{SOCIETY}/{action}", data={"_csrf": csrf, **fields})
        assert answer.status_code == 302, error_of(answer)
    assert git(sample_git, "rev-list", "--count", "HEAD") == "4\n"
    text_now = (sample_git / FILE).read_text(encoding="utf-8")
    assert "新理事长" in text_now and "示科协〔2026〕9号" in text_now
    bad = client.post(f"/record/{SOCIETY}/extend", data={"_csrf": csrf, "until": "soon", "approved": "2026-01-01"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in error_of(bad)
    assert client.post(f"/record/{SOCIETY}/delete", data={"_csrf": csrf}).status_code == 400


def test_outside_git_saves_atomically_without_history(tmp_path: Path) -> None:
    root = copy_sample(tmp_path)
    client = client_for(root)
    data = form_of(client, EDIT)
    assert "author" not in data
    data[secretary_general(data)[0]] = "李四"
    assert client.post(EDIT, data=data).status_code == 302
    page = text(client.get(f"/record/{SOCIETY}"))
    assert "不保留历史" in page and 'data-banner="no-git"' in page
    assert "name: 李四" in (root / FILE).read_text(encoding="utf-8")
    assert not list((root / "records" / "societies").glob(".*"))  # no temporary file left


CSV = "名称,统一社会信用代码,级别,学科,成立日期,状态\n示例市网页导入学会,51369900MJ00000006,市级,理科,2020-01-01,正常\n"


def test_import_preview_then_apply(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    csrf = form_of(client, "/import")["_csrf"]
    upload = {"_csrf": csrf, "kind": "society", "file": (io.BytesIO(CSV.encode("utf-8")), "new.csv")}
    preview = client.post("/import", data=upload, content_type="multipart/form-data")
    assert preview.status_code == 200, error_of(preview)
    assert "data-import-report" in text(preview) and git(sample_git, "status", "--porcelain") == ""
    token = form_of_text(text(preview))
    applied = client.post("/import/apply", data={"_csrf": csrf, "token": token})
    assert applied.status_code == 200, error_of(applied)
    assert git(sample_git, "status", "--porcelain") == ""
    assert "导入 new.csv" in git(sample_git, "log", "-1", "--format=%s")


def form_of_text(body: str) -> str:
    return body.split('name="token" value="', 1)[1].split('"', 1)[0]


def test_uploads_are_limited_in_type_and_size(sample_git: Path) -> None:
    client = client_for(sample_git, max_upload=1024)
    csrf = form_of(client, "/import")["_csrf"]
    fake = {"_csrf": csrf, "kind": "society", "file": (io.BytesIO(b"not a zip"), "x.xlsx")}
    assert client.post("/import", data=fake, content_type="multipart/form-data").status_code == 400
    script = {"_csrf": csrf, "kind": "society", "file": (io.BytesIO(b"#!/bin/sh"), "x.sh")}
    assert client.post("/import", data=script, content_type="multipart/form-data").status_code == 400
    big = {"_csrf": csrf, "kind": "society", "file": (io.BytesIO(b"x" * 4096), "big.csv")}
    assert client.post("/import", data=big, content_type="multipart/form-data").status_code == 413


def test_a_rule_error_stands_next_to_its_field(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    before = (sample_git / FILE).read_bytes()
    data = form_of(client, EDIT)
    data["f:term.years"] = "9"  # K303: a term longer than 5 years
    answer = client.post(EDIT, data=data)
    assert answer.status_code == 400
    field = text(answer).split('id="w-term-years"', 1)[1].split("</div>", 1)[0]
    assert "K303" in field and 'value="9"' in field
    assert (sample_git / FILE).read_bytes() == before


def test_emptied_field_is_removed_and_a_select_writes_the_code(sample_git: Path) -> None:
    client = client_for(sample_git, author="张三")
    data = form_of(client, EDIT)
    assert data["f:supporting_unit"] and data["f:level"] == "municipal"
    data["f:supporting_unit"] = ""
    data["f:level"] = "district"
    assert client.post(EDIT, data=data).status_code == 302
    saved = (sample_git / FILE).read_text(encoding="utf-8")
    assert "supporting_unit" not in saved and "level: district" in saved
    subject = git(sample_git, "log", "-1", "--format=%s")
    assert "级别：市级 → 区县级" in subject and "挂靠单位" in subject


def test_buttons_ask_the_name_when_git_has_none(sample_git: Path) -> None:
    client = client_for(sample_git)
    action = f"/record/{SOCIETY}/inspect"
    data = form_of(client, f"/record/{SOCIETY}", action)
    assert "author" in data
    data["year"], data["result"] = "2026", "submitted"
    data.pop("author")
    answer = client.post(action, data=data)
    assert answer.status_code == 302
    assert "请填写您的姓名" in text(client.get(f"/record/{SOCIETY}"))
    assert git(sample_git, "rev-list", "--count", "HEAD") == "1\n"
    data["author"] = "年检员"
    assert client.post(action, data=data).status_code == 302
    assert git(sample_git, "log", "-1", "--format=%an") == "年检员\n"
