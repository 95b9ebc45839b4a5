"""K510–K514: a Party cell's term, size, committee and category (docs/party.md has the sources)."""

from __future__ import annotations

from collections.abc import Iterator

from kexie_cli.finding import Severity
from kexie_cli.party.forms import BRANCH_FORMS, form_of, functional_exempt, term_years
from kexie_cli.records.model import Record, current_leaders, integer, text
from kexie_cli.rules import rule
from kexie_cli.rules.base import Context, Hit

W = Severity.WARNING


@rule("K510", W, "党组织任期与组织形式的通常任期不同", "Party cell term differs from its form's usual length")
def term_unusual(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A party cell's term differs from the usual length of its form (中办《关于党的基层
    组织任期的意见》2018: 基层委员会 5 years, 总支部委员会 and 支部委员会 一般 3 years,
    村、社区党组织 5 years; settings ``party.term_years``). A warning, never a refused
    edit: the 意见 says 一般, and the 上级党组织 may approve another length within the
    党章's 3 to 5 years (longer than that is K303).

    中文：党组织每届任期与其组织形式的通常任期不同（中办《关于党的基层组织任期的意见》2018：
    基层委员会 5 年，总支部委员会、支部委员会一般 3 年，村、社区党组织 5 年；设置 party.term_years）。
    只是警告、不拒绝修改；超过 5 年的见 K303。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        term: {number: 2, started: 2024-01-10, years: 5}
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: general-branch
        term: {number: 2, started: 2024-01-10, years: 3}
    """
    years = integer(record.get("term", "years"))
    if record.kind != "party-cell" or years is None or functional_exempt(record, ctx.settings):
        return
    usual = term_years(record, ctx.settings, ctx.index)
    if usual is None or years == usual:
        return
    label = ctx.label("party-cell", ("form",), form_of(record))
    variant = "longer" if years > usual else "shorter"
    yield Hit(("term", "years"), {"years": years, "form": label, "usual": usual}, variant=variant)


@rule("K511", W, "党支部党员人数超过50人", "Party branch of more than 50 members")
def branch_too_large(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A 党支部 (of any 支部 form) has more members (正式 and 预备) than
    ``party.branch_max_members`` (50): 《中国共产党支部工作条例（试行）》 says a
    支部 一般不超过50人; a larger one should be split or become a 党总支.

    中文：党支部（各支部形式）党员人数（正式和预备）超过 party.branch_max_members（50）人：
    《中国共产党支部工作条例（试行）》规定党员人数一般不超过 50 人，应分设支部或成立党总支。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        members: {full: 48, probationary: 3}
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        members: {full: 48, probationary: 2}
    """
    if form_of(record) not in BRANCH_FORMS:
        return
    full = integer(record.get("members", "full")) or 0
    total = full + (integer(record.get("members", "probationary")) or 0)
    limit = ctx.settings.party.branch_max_members
    if total > limit:
        yield Hit(("members",), {"count": total, "max": limit})


def has_committee_members(record: Record, ctx: Context) -> bool:
    """Whether the cell has a 支部委员会: a current 委员 besides the 书记 and 副书记."""
    return any(True for _ in current_leaders(record.data, ctx.today, "committee-member"))


@rule("K512", W, "正式党员7人以上的党支部未设支部委员会", "Branch of 7 or more full members without a committee")
def branch_without_committee(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A 党支部 with ``party.committee_min_members`` (7) or more 正式党员 has no
    current 委员 (``committee-member``) in ``leaders``: 《中国共产党支部工作条例
    （试行）》 says such a 支部 sets up a 支部委员会. One with fewer than 7 is never
    told to: it elects a 书记 and, where needed, a 副书记.

    中文：正式党员 7 人以上（party.committee_min_members）的党支部在 leaders 中没有现任委员
    （committee-member）：《中国共产党支部工作条例（试行）》规定应设立支部委员会。不足 7 人的
    只设书记、副书记，不报告。

    Fails (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        members: {full: 7}
        leaders:
          - {role: secretary, name: 王芳, since: 2024-01-10}
    Passes (as of 2026-11-23):
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        members: {full: 6}
        leaders:
          - {role: secretary, name: 王芳, since: 2024-01-10}
    """
    if form_of(record) not in BRANCH_FORMS or functional_exempt(record, ctx.settings):
        return
    full = integer(record.get("members", "full"))
    wanted = ctx.settings.party.committee_min_members
    if full is not None and full >= wanted and not has_committee_members(record, ctx):
        yield Hit(("members", "full"), {"count": full, "min": wanted})


@rule("K513", W, "A 类党组织没有上级党组织", "Category A cell without a parent")
def category_a_parent(record: Record, ctx: Context) -> Iterator[Hit]:
    """
    A category A cell (实体管理: its 组织关系 is in the 科技社团党委) has no
    ``parent``: the 社团党委 it belongs to must be recorded. A 党委 (``committee``),
    the 社团党委 itself, is not asked for one.

    中文：A 类（实体管理，组织关系在科技社团党委）党组织没有登记上级党组织（parent）。
    党委（committee，即社团党委本身）不要求。

    Fails:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        category: A
    Passes:
        --- records/party-cells/demo-cell.yaml
        id: demo-cell
        kind: party-cell
        form: branch
        category: B
    """
    top = form_of(record) == "committee"
    if (
        record.kind == "party-cell"
        and text(record.get("category")) == "A"
        and not top
        and not text(record.get("parent"))
    ):
        yield Hit(("category",), {})
