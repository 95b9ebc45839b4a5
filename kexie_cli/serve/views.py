"""The reading pages: 工作台, lists and search, 检查, 换届提醒 (with letters), 年检, 党建, 统计, 工作总结.

Each calls the library function of its command with the snapshot the server
keeps (``ServeState.snapshot``), so a page shows the numbers and words of the
command line.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, render_template, request, send_file
from markupsafe import Markup

from kexie_cli import kinds
from kexie_cli.calendar.elections import ElectionQuery, due_elections, elections_table
from kexie_cli.calendar.inspections import inspections, inspections_report
from kexie_cli.calendar.lead import Lead
from kexie_cli.calendar.party import party_overview, party_report
from kexie_cli.errors import KexieError
from kexie_cli.finding import Severity, severity_label
from kexie_cli.query.find import find_table
from kexie_cli.query.listing import ListRequest, list_records
from kexie_cli.query.summary import summary as summary_tables
from kexie_cli.registry.layout import is_slug
from kexie_cli.serve.state import current_state as state
from kexie_cli.serve.tables import cell_text, view, views

blueprint = Blueprint("views", __name__)
PAGE_SIZE = 50
CHECK_PAGE = 200  # findings a page of 检查 shows
LIST_KINDS = (*kinds.FOLDERS.values(), "leaders")


@blueprint.route("/")
def dashboard() -> Any:
    current = state()
    snap = current.snapshot()
    registry = current.registry()
    lang, today = current.lang, current.today
    query = ElectionQuery(today=today, lead=Lead.months(registry.settings.lead_months))
    items = current.derived("elections", lambda: due_elections(snap.records, registry.settings, query))
    table = current.derived("elections.table", lambda: elections_table(items, registry.settings, query, lang))
    year = current.derived("inspections", lambda: inspections(snap.records, registry.settings, today))
    assert snap.checked is not None
    counts = {s: snap.checked.count(s) for s in Severity}  # error, warning, info
    severities = [(str(s), severity_label(s, lang), n) for s, n in counts.items()]
    party = current.derived("party", lambda: summary_tables(snap.records, snap.qctx, ["party", "grassroots"], ()))
    return render_template(
        "dashboard.html",
        elections_html=_tables_html("elections.html", [table]),
        overdue=sum(1 for i in items if i.state == "overdue"),
        due=sum(1 for i in items if i.state == "due"),
        unentered=year.unentered,
        year=year.year,
        severities=severities,
        coverage=views([data for _, data in party], lang),
        unreadable=[r.relpath for r in snap.records if not r.loaded],
    )


@blueprint.route("/list/")
@blueprint.route("/list/<kind>")
def listing(kind: str = "societies") -> Any:
    current = state()
    if kind not in LIST_KINDS:
        raise KexieError("query.kind_unknown", kind=cell_text(kind), kinds=", ".join(LIST_KINDS))
    data, args = _list_data(kind)
    page = max(1, _int(request.args.get("page"), 1))
    pages = max(1, -(-len(data.rows) // PAGE_SIZE))
    page = min(page, pages)
    table = view(data, current.lang, (page - 1) * PAGE_SIZE, page * PAGE_SIZE)
    return render_template(
        "list.html", kind=kind, kinds=LIST_KINDS, rows_view=table, args=args, page=page, pages=pages, query=_query
    )


@blueprint.route("/list/<kind>.xlsx")
def export(kind: str) -> Any:
    """The current view (filters, search and order; every page) as an xlsx file, by the shared exporter."""
    from kexie_cli.reporters.xlsx import write_xlsx  # noqa: PLC0415 - openpyxl is slow to import

    if kind not in LIST_KINDS:
        raise KexieError("query.kind_unknown", kind=cell_text(kind), kinds=", ".join(LIST_KINDS))
    data, _ = _list_data(kind)
    with tempfile.TemporaryDirectory(prefix="kexie-serve-") as tmp:
        path = Path(tmp) / f"{kind}.xlsx"
        write_xlsx([data], path, state().lang)
        payload = path.read_bytes()
    return send_file(
        io.BytesIO(payload),
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"{kind}.xlsx",
    )


def _list_data(kind: str) -> tuple[Any, dict[str, Any]]:
    current = state()
    snap = current.snapshot()
    where = tuple(w for w in request.args.getlist("where") if w.strip())
    sort = tuple(s for s in request.args.getlist("sort") if s.strip())
    text = request.args.get("q", "").strip()
    args = {"where": where, "sort": sort, "q": text}

    def build() -> Any:
        data = list_records(snap.records, snap.qctx, ListRequest(kind, where, sort))
        if text and kind != "leaders":
            wanted = {row["id"] for row in _found(text).rows}
            data.rows = [row for row in data.rows if row.get("id") in wanted]
            data.headline = tr_found(len(data.rows), text)
        return data

    return current.derived(("list", kind, where, sort, text), build), args


def _found(text: str) -> Any:
    """``kexie find TEXT`` over the snapshot (kept: the same search again is answered at once)."""
    current = state()
    snap = current.snapshot()
    registry_name = current.registry().settings.registry or ""
    return current.derived(
        ("find", text), lambda: find_table(snap.records, text, current.lang, "pinyin", registry_name)
    )


def tr_found(count: int, text: str) -> str:
    from kexie_cli.i18n import tr  # noqa: PLC0415 - keeps the module's imports to the pages

    return tr("serve.list.found", state().lang, count=count, query=text)


def _query(args: dict[str, Any], **changes: Any) -> str:
    """The query string of the list with ``changes`` (sort, page) applied."""
    from urllib.parse import urlencode  # noqa: PLC0415 - used by templates only

    merged = {**args, **changes}
    pairs: list[tuple[str, str]] = [("where", w) for w in merged.get("where", ())]
    pairs += [("sort", s) for s in merged.get("sort", ())]
    if merged.get("q"):
        pairs.append(("q", merged["q"]))
    if merged.get("page", 1) != 1:
        pairs.append(("page", str(merged["page"])))
    return urlencode(pairs)


def _int(text: str | None, default: int) -> int:
    try:
        return int(text or "")
    except ValueError:
        return default


@blueprint.route("/find")
def find() -> Any:
    current = state()
    text = request.args.get("q", "").strip()
    table = None
    if text:
        table = view(_found(text), current.lang)
    return render_template("find.html", q=text, table=table)


@blueprint.route("/check")
def check() -> Any:
    current = state()
    snap = current.snapshot()
    assert snap.checked is not None
    wanted = request.args.get("severity", "")
    findings = [f for f in snap.checked.findings if not wanted or str(f.severity) == wanted]
    pages = max(1, -(-len(findings) // CHECK_PAGE))
    page = min(max(1, _int(request.args.get("page"), 1)), pages)
    shown = findings[(page - 1) * CHECK_PAGE : page * CHECK_PAGE]
    rows = [
        {
            "severity": severity_label(f.severity, current.lang),
            "level": str(f.severity),
            "code": f.code,
            "file": cell_text(f.file),
            "line": f.line,
            "id": f.id if is_slug(f.id) else "",
            "message": cell_text(f.message),
        }
        for f in shown
    ]
    counts = [(str(s), severity_label(s, current.lang), snap.checked.count(s)) for s in Severity]
    return render_template(
        "check.html", rows=rows, counts=counts, wanted=wanted, page=page, pages=pages, total=len(findings)
    )


@blueprint.route("/elections")
def elections() -> Any:
    current = state()
    snap = current.snapshot()
    registry = current.registry()
    query = ElectionQuery(today=current.today, lead=Lead.months(registry.settings.lead_months))
    items = current.derived("elections", lambda: due_elections(snap.records, registry.settings, query))
    data = current.derived("elections.table", lambda: elections_table(items, registry.settings, query, current.lang))
    shown = _tables_html("elections.html", [data])
    return render_template("elections.html", tables_html=shown, ids=[i.record.id for i in items])


@blueprint.route("/letters/<which>.zip")
@blueprint.route("/letters/<which>/<record_id>.docx")
def letters(which: str, record_id: str | None = None) -> Any:
    """换届 or 年检 letters as docx: one record's letter, or all due as a zip."""
    from kexie_cli.calendar.letters import make_letters  # noqa: PLC0415 - python-docx is slow to import

    if which not in {"elections", "inspections"} or (record_id is not None and not is_slug(record_id)):
        raise KexieError("new.bad_id", id=cell_text(record_id or which))
    current = state()
    snap = current.snapshot()
    ids = (record_id,) if record_id else ()
    with tempfile.TemporaryDirectory(prefix="kexie-letters-") as tmp:
        run = make_letters(current.registry(), which, current.today, ids, None, Path(tmp), None, snap.records)
        written = [p for p in run.written if p.suffix == ".docx"]  # the Markdown copies stay behind
        if not written:
            raise KexieError("serve.no_letter", id=cell_text(record_id or ""))
        if record_id:
            payload, name, mime = written[0].read_bytes(), written[0].name, DOCX
        else:
            payload, name, mime = _zip(written), f"{which}-letters.zip", "application/zip"
    return send_file(io.BytesIO(payload), mimetype=mime, as_attachment=True, download_name=name)


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _zip(paths: list[Path]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in paths:
            archive.write(path, path.name)
    return buffer.getvalue()


@blueprint.route("/inspections")
def inspections_page() -> Any:
    current = state()
    snap = current.snapshot()
    registry = current.registry()
    year = _int(request.args.get("year"), 0) or None

    def build() -> Any:
        summary = inspections(snap.records, registry.settings, current.today, year)
        return inspections_report(summary, registry.settings, registry.schemas, current.lang)

    report = current.derived(("inspections.report", year), build)
    return render_template(
        "tables.html",
        title_key="serve.nav.inspections",
        report=report,
        tables_html=_tables_html(("inspections.html", year), report.tables),
        letters="inspections",
    )


@blueprint.route("/party")
def party() -> Any:
    current = state()
    snap = current.snapshot()
    registry = current.registry()

    def build() -> Any:
        overview = party_overview(snap.records, registry.settings, registry.schemas, current.today, (), current.lang)
        return party_report(overview, registry.settings, registry.schemas, current.lang)

    report = current.derived("party.report", build)
    return render_template(
        "tables.html", title_key="serve.nav.party", report=report, tables_html=_tables_html("party.html", report.tables)
    )


@blueprint.route("/summary")
def summary() -> Any:
    current = state()
    snap = current.snapshot()
    result = current.derived("summary", lambda: summary_tables(snap.records, snap.qctx, None, ()))
    return render_template("summary.html", tables_html=_tables_html("summary.html", [data for _, data in result]))


def _tables_html(key: Any, tables: Any) -> Markup:
    """The tables of a page rendered once per snapshot (thousands of rows at 10,000 records)."""
    current = state()
    html: Markup = current.derived(
        key, lambda: Markup(render_template("_tables.html", tables=views(tables, current.lang)))
    )
    return html


@blueprint.route("/report")
def report() -> Any:
    return render_template("report.html")


@blueprint.route("/report.html")
def report_html() -> Any:
    """The yearly report (``kexie report --format html``): a self-contained page, shown in a frame."""
    return Response(_report("html"), mimetype="text/html")


@blueprint.route("/report.docx")
def report_docx() -> Any:
    return send_file(io.BytesIO(_report("docx")), mimetype=DOCX, as_attachment=True, download_name="report.docx")


def _report(fmt: str) -> bytes:
    from kexie_cli.report.build import build_report  # noqa: PLC0415 - the report pulls in its figures only here
    from kexie_cli.reporters.report import render  # noqa: PLC0415

    current = state()
    registry = current.registry()

    def build() -> Any:
        return build_report(registry, current.today, current.lang)

    data = current.derived("report", build)
    rendered: bytes = current.derived(
        f"report.{fmt}", lambda: render(data, fmt, current.lang, registry.settings.lead_months)
    )
    return rendered


@blueprint.route("/login", methods=["GET", "POST"])
def login() -> Any:
    """The access token of a server reachable from other machines (``--host``); kept in the session."""
    from flask import redirect, session  # noqa: PLC0415 - only the login page uses the session directly

    from kexie_cli.serve.security import check_login  # noqa: PLC0415

    current = state()
    if request.method == "POST":
        if check_login(request.form.get("token", ""), current.options.token):
            session["auth"] = True
            return redirect("/")
        return render_template("login.html", failed=True), 403
    return render_template("login.html")
