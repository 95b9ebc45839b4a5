"""The edit commands: one operation on one record, validated, written atomically under the registry lock.

Every operation works on the ruamel round-trip tree of a canonical file and
returns the paths it changed, so the rest of the file is written back byte
for byte. :func:`edit_record` refuses to write when the registry would have
errors it did not have before (the new errors are in the outcome).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kexie_cli.edit import canonical, tree
from kexie_cli.edit.atomic import LOCK_FILE, LockTimeout, registry_lock
from kexie_cli.edit.new import check_id
from kexie_cli.errors import KexieError
from kexie_cli.finding import Finding, Severity
from kexie_cli.i18n import tr
from kexie_cli.outfile import replace_atomically
from kexie_cli.records.election import RECORD_STEPS, last_past_term, progress, record_steps
from kexie_cli.records.loader import load_text
from kexie_cli.records.model import date as as_date
from kexie_cli.registry.layout import KIND_FOLDERS, RECORDS_DIR, RecordFile, record_path
from kexie_cli.registry.load import Registry
from kexie_cli.registry.readfile import FileTooLarge, read_record_bytes
from kexie_cli.registry.schemas import SchemaSet
from kexie_cli.validate.engine import CheckOptions, check

Path_ = tree.Path_
Operation = Callable[[Any, "EditContext"], list[Path_]]


@dataclass(frozen=True, slots=True)
class EditContext:
    kind: str
    schemas: SchemaSet


@dataclass(slots=True)
class EditOutcome:
    """What an edit did (or would do): texts before and after, and why it was refused."""

    relpath: str
    old_text: str
    new_text: str
    paths: list[Path_] = field(default_factory=list)
    reformatted: bool = False  # the file was not canonical before the edit
    new_errors: list[Finding] = field(default_factory=list)
    written: bool = False

    @property
    def changed(self) -> bool:
        return self.old_text != self.new_text

    @property
    def refused(self) -> bool:
        return bool(self.new_errors)


# --- the pipeline ------------------------------------------------------------------


def edit_text(text: str, kind: str, schemas: SchemaSet, operation: Operation) -> tuple[str, list[Path_], bool]:
    """Apply ``operation`` to a record's text: (new text, changed paths, was the old text canonical).

    Raises FormatError when the strict loader refuses ``text``: editing must not carry anchors,
    tags or duplicate keys (which the round-trip parser would keep) into a new version.
    """
    canonical.require_loadable(text)
    doc = canonical.load_document(text)
    before = canonical.dump_document(doc, kind, schemas, text)
    after, paths = apply_operation(doc, kind, schemas, operation, text)
    loaded = load_text(after)
    if loaded.data is None:  # the operation produced YAML the strict loader refuses
        raise KexieError("edit.broken", detail=loaded.problems[0].key if loaded.problems else "")
    return after, paths, before == text


def apply_operation(
    doc: Any, kind: str, schemas: SchemaSet, operation: Operation, original: str | None = None
) -> tuple[str, list[Path_]]:
    """Apply ``operation`` to a loaded document: (canonical text after, changed paths)."""
    paths = operation(doc, EditContext(kind, schemas))
    return canonical.dump_document(doc, kind, schemas, original), paths


def edit_record(
    registry: Registry,
    record_id: str,
    operation: Operation,
    *,
    today: dt.date,
    validate: bool = True,
    write: bool = True,
) -> EditOutcome:
    """Edit one record by id under the registry lock; write only when no new errors arise."""
    check_id(record_id)  # an id becomes a file name: refuse before anything is touched (lock included)
    with locked(registry.root):
        file = find_record_file(registry, record_id)
        refuse_link(file)
        try:
            old = canonical.decode_record(_read(file, registry.settings.max_file_bytes))
            new, paths, was_canonical = edit_text(old, str(file.kind), registry.schemas, operation)
        except canonical.FormatError as exc:
            raise UnloadableRecord(file.relpath, exc) from exc
        outcome = EditOutcome(file.relpath, old, new, paths, reformatted=not was_canonical)
        if validate and outcome.changed:
            outcome.new_errors = new_errors(registry, file, new, today)
        if write and outcome.changed and not outcome.refused:
            with writing(file.relpath):
                replace_atomically(file.path, new.encode("utf-8"))
            outcome.written = True
        return outcome


def create_record(
    registry: Registry,
    kind: str,
    record_id: str,
    text: str,
    *,
    today: dt.date,
    write: bool = True,
) -> EditOutcome:
    """Write a new record file (text from :func:`new_record_text`) after validating it."""
    check_id(record_id)
    if kind not in KIND_FOLDERS:
        raise KexieError("query.kind_unknown", kind=kind, kinds=", ".join(KIND_FOLDERS))
    with locked(registry.root):
        path = registry.root / RECORDS_DIR / KIND_FOLDERS[kind] / f"{record_id}.yaml"
        relpath = path.relative_to(registry.root).as_posix()
        if path.exists():
            raise KexieError("edit.exists", file=relpath)
        outcome = EditOutcome(relpath, "", text, [()])
        outcome.new_errors = new_errors(registry, RecordFile(path, relpath, kind), text, today)
        if write and not outcome.refused:
            with writing(relpath):
                replace_atomically(path, text.encode("utf-8"))
            outcome.written = True
        return outcome


class locked:
    """The registry lock, with a timeout turned into a usage error."""

    def __init__(self, root: Path) -> None:
        self.manager = registry_lock(root)

    def __enter__(self) -> None:
        try:
            with writing(LOCK_FILE):
                self.manager.__enter__()
        except LockTimeout as exc:
            raise KexieError("edit.locked", path=str(exc.path)) from exc

    def __exit__(self, *exc: Any) -> None:
        self.manager.__exit__(*exc)


class UnloadableRecord(KexieError):
    """The record file cannot be edited: the strict loader refuses it (the reason names line and code)."""

    def __init__(self, relpath: str, cause: canonical.FormatError) -> None:
        super().__init__("fmt.failed", file=relpath)
        self.cause = cause

    def render(self, lang: str) -> str:
        return tr(self.key, lang, file=self.params["file"], reason=self.cause.render(lang))


@contextlib.contextmanager
def writing(relpath: str) -> Iterator[None]:
    """An OSError while writing a record (a full disk above all) as one clear message, exit 2.

    :func:`~kexie_cli.outfile.replace_atomically` has removed its temporary file by then: the record is as it was.
    """
    try:
        yield
    except OSError as exc:
        key = "edit.no_space" if exc.errno in _NO_SPACE else "edit.write_failed"
        raise KexieError(key, file=relpath, detail=exc.strerror or str(exc)) from exc


_NO_SPACE = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG})


def refuse_link(file: RecordFile) -> None:
    """Edits refuse a record file that is a symbolic link (docs/editing.md): the rename would replace the link."""
    if file.path.is_symlink():
        raise KexieError("edit.symlink", file=file.relpath, target=str(file.path.readlink()))


def _read(file: RecordFile, max_bytes: int) -> bytes:
    try:
        return read_record_bytes(file.path, max_bytes)
    except FileTooLarge as exc:
        raise KexieError("edit.too_large", file=file.relpath, size=exc.size, limit=exc.limit) from exc
    except OSError as exc:
        raise KexieError("edit.unreadable", file=file.relpath, detail=exc.strerror or str(exc)) from exc


def find_record_file(registry: Registry, record_id: str) -> RecordFile:
    """The file of record ``record_id`` (``records/<folder>/<id>.yaml``); an id that is not a slug is refused."""
    for kind in KIND_FOLDERS:
        path = record_path(registry.root, kind, record_id)
        if path.is_file() or path.is_symlink():
            return RecordFile(path, path.relative_to(registry.root).as_posix(), kind)
    raise KexieError("edit.unknown_id", id=record_id)


def new_errors(registry: Registry, file: RecordFile, new_text: str, today: dt.date) -> list[Finding]:
    """Errors the registry has with ``new_text`` in ``file`` that it does not have now.

    Two runs of the check engine, both through the cache: the registry as it
    is (usually answered by the run memo) and with ``new_text`` as an override.
    """

    options = CheckOptions(today=today, strict=False)
    before = check(registry, options).findings
    after = check(registry, options, overrides={file.relpath: new_text}).findings
    seen = Counter(_identity(f) for f in before if f.severity is Severity.ERROR)
    out: list[Finding] = []
    for finding in after:
        if finding.severity is not Severity.ERROR:
            continue
        key = _identity(finding)
        if seen[key]:
            seen[key] -= 1
        else:
            out.append(finding)
    return out


def _identity(finding: Finding) -> tuple[str, str, str]:
    """A finding apart from its position (lines move when a record is edited)."""
    return (finding.file, finding.code, finding.message)


# --- operations ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetField:
    """``kexie set ID PATH VALUE``: any field, the value read as the schema's type."""

    path: Path_
    raw: str

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        schema = tree.field_schema(ctx.schemas, ctx.kind, self.path)
        value = tree.parse_value(self.raw, schema)
        flow = _sibling_flow(doc, self.path) and isinstance(value, dict)
        tree.set_node(doc, self.path, value, tree.key_orders(ctx.schemas, ctx.kind, self.path), flow=flow)
        return [self.path]


@dataclass(frozen=True, slots=True)
class UnsetField:
    """``kexie unset ID PATH``: remove a field or a list entry."""

    path: Path_

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        if self.path in {("id",), ("kind",)}:
            raise KexieError("edit.protected", path=tree.show_path(self.path))
        if not tree.delete_node(doc, self.path):
            raise KexieError("edit.no_such_path", path=tree.show_path(self.path))
        return [self.path]


def _sibling_flow(doc: Any, path: Path_) -> bool:
    """A new list entry follows its siblings' style (flow when they are flow, or the list is new)."""
    if not path or not isinstance(path[-1], int):
        return False
    parent = tree.get_node(doc, path[:-1])
    if not isinstance(parent, list) or not parent:
        return True
    other = parent[0]
    return bool(getattr(getattr(other, "fa", None), "flow_style", lambda: False)())


@dataclass(frozen=True, slots=True)
class Inspect:
    """``kexie inspect ID --year Y --result R [--submitted D]``: add or correct one 年检 entry."""

    year: int
    result: str
    submitted: dt.date | None = None

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        if "inspections" not in ctx.schemas.key_order(ctx.kind, ()):
            raise KexieError("edit.no_field", field="inspections", kind=ctx.kind)
        entries = doc.get("inspections")
        if entries is None:
            tree.set_node(doc, ("inspections",), [], tree.key_orders(ctx.schemas, ctx.kind, ("inspections",)))
            entries = doc["inspections"]
        if not isinstance(entries, list):
            raise KexieError("edit.not_container", path="inspections")
        order = ctx.schemas.key_order(ctx.kind, ("inspections", 0))
        for index, entry in enumerate(entries):
            if isinstance(entry, dict) and entry.get("year") == self.year:
                _update(entry, "result", self.result, order)
                if self.submitted is not None:
                    _update(entry, "submitted", self.submitted.isoformat(), order)
                return [("inspections", index)]
        value: dict[str, Any] = {"year": self.year, "result": self.result}
        if self.submitted is not None:
            value["submitted"] = self.submitted.isoformat()
        index = sum(1 for e in entries if isinstance(e, dict) and _int(e.get("year")) < self.year)
        flow = _sibling_flow(doc, ("inspections", 0))
        tree.insert_item(entries, index, tree.to_node(value, flow=flow))
        return [("inspections", index)]


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else -1


def _update(node: Any, key: str, value: Any, order: list[str]) -> None:
    if key in node:
        canonical.put(node, key, tree.to_node(value))
    else:
        tree.insert_key(node, key, tree.to_node(value), order)


@dataclass(frozen=True, slots=True)
class Extend:
    """``kexie extend ID --until D --approved D``: an approved delay of the 换届."""

    until: dt.date
    approved: dt.date

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        term = doc.get("term")
        if not isinstance(term, dict):
            raise KexieError("edit.no_term")
        order = ctx.schemas.key_order(ctx.kind, ("term",))
        _update(term, "extended_to", self.until.isoformat(), order)
        _update(term, "extension_approved", self.approved.isoformat(), order)
        return [("term", "extended_to"), ("term", "extension_approved")]


@dataclass(frozen=True, slots=True)
class RecordStep:
    """``kexie election ID --step S --date D [--doc-no X]``: one step of the 换届 done.

    The step goes into the record's ``election``; a ``registered`` step with no
    congress in the current ``election`` goes to the last closed term's
    ``election`` when that congress awaits its registration (after ``kexie elect``).
    """

    step: str
    date: dt.date
    today: dt.date
    doc_no: str | None = None

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        allowed = record_steps(ctx.kind)
        if self.step not in allowed or "election" not in ctx.schemas.key_order(ctx.kind, ()):
            kind = tr(f"kind.{ctx.kind}", "zh")
            raise KexieError("election.no_step", kind=kind, step=self.step, steps=", ".join(allowed))
        if not isinstance(doc.get("term"), dict):
            raise KexieError("election.no_term")
        if self.date > self.today:
            raise KexieError("election.future", date=self.date.isoformat(), today=self.today.isoformat())
        value: dict[str, Any] = {"date": self.date.isoformat()}
        if self.doc_no:
            value["doc_no"] = self.doc_no
        where: Path_ = ("election",)
        last = last_past_term(doc)
        if self.step == "registered" and "held" not in progress(doc.get("election")) and last is not None:
            done = progress(last[1].get("election"))
            if "held" in done and "registered" not in done:
                where = ("past_terms", last[0], "election")
        node = tree.get_node(doc, where)
        if not isinstance(node, dict):
            tree.set_node(doc, where, {}, tree.key_orders(ctx.schemas, ctx.kind, where))
            node = tree.get_node(doc, where)
        if self.step in node:
            canonical.put(node, self.step, tree.to_node(value))
        else:
            tree.insert_key(node, self.step, tree.to_node(value), list(RECORD_STEPS))
        return [(*where, self.step)]


ROLE_OPTIONS = ("chair", "secretary-general", "secretary")


@dataclass(frozen=True, slots=True)
class Elect:
    """``kexie elect ID --date D``: a 换届. The current term goes to ``past_terms``; the number goes up."""

    date: dt.date
    leaders: tuple[tuple[str, str], ...] = ()  # (role, name) elected at this 换届
    years: int | None = None

    def __call__(self, doc: Any, ctx: EditContext) -> list[Path_]:
        term = doc.get("term")
        day = self.date.isoformat()
        changed: list[Path_] = [("term",)]
        if isinstance(term, dict):
            number = term.get("number")
            if not isinstance(number, int) or isinstance(number, bool):
                raise KexieError("edit.no_term")
            self._archive(doc, term, ctx)
            changed.append(("past_terms",))
            order = ctx.schemas.key_order(ctx.kind, ("term",))
            _update(term, "number", number + 1, order)
            _update(term, "started", day, order)
            years = self.years if self.years is not None else term.get("years")
            _update(term, "years", years if isinstance(years, int) else 5, order)
            for key in ("extended_to", "extension_approved"):
                if key in term:
                    tree.delete_node(term, (key,))
        else:
            value = {"number": 1, "started": day, "years": self.years or 5}
            tree.set_node(doc, ("term",), value, tree.key_orders(ctx.schemas, ctx.kind, ("term",)))
        for role, name in self.leaders:
            if self._elect_leader(doc, role, name, ctx):
                changed.append(("leaders",))
        return changed

    def _archive(self, doc: Any, term: Any, ctx: EditContext) -> None:
        past_order = ctx.schemas.key_order(ctx.kind, ("past_terms", 0))
        entry = {k: tree.plain(term[k]) for k in past_order if k in term and k not in ("ended", "election")}
        entry["ended"] = self.date.isoformat()
        progress = doc.get("election")  # the 换届 just held: its steps go with the term it closed
        steps = {str(k): tree.plain(v) for k, v in progress.items()} if isinstance(progress, dict) else {}
        steps.setdefault("held", {"date": self.date.isoformat()})
        if "election" in past_order:
            entry["election"] = steps
        if "election" in doc:
            tree.delete_node(doc, ("election",))
        past = doc.get("past_terms")
        if not isinstance(past, list):
            tree.set_node(doc, ("past_terms",), [], tree.key_orders(ctx.schemas, ctx.kind, ("past_terms",)))
            past = doc["past_terms"]
        flow = _sibling_flow(doc, ("past_terms", 0))
        number = entry.get("number")
        index = sum(1 for e in past if isinstance(e, dict) and _int(e.get("number")) < _int(number))
        tree.insert_item(past, index, tree.to_node(entry, flow=flow))

    def _elect_leader(self, doc: Any, role: str, name: str, ctx: EditContext) -> bool:
        leaders = doc.get("leaders")
        if not isinstance(leaders, list):
            tree.set_node(doc, ("leaders",), [], tree.key_orders(ctx.schemas, ctx.kind, ("leaders",)))
            leaders = doc["leaders"]
        order = ctx.schemas.key_order(ctx.kind, ("leaders", 0))
        day = self.date.isoformat()
        stays = False
        changed = False
        last_of_role = -1
        for index, item in enumerate(leaders):
            if not isinstance(item, dict) or item.get("role") != role:
                continue
            last_of_role = index
            until = as_date(item.get("until"))
            if until is not None and until <= self.date:
                continue  # already left
            if item.get("name") == name:
                stays = True
            else:
                _update(item, "until", day, order)
                changed = True
        if not stays:
            value = {"role": role, "name": name, "since": day}
            position = last_of_role + 1 if last_of_role >= 0 else len(leaders)
            tree.insert_item(leaders, position, tree.to_node(value))
            changed = True
        return changed
