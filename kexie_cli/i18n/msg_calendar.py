"""Messages of the calendar commands: due-elections, inspections, party, letters."""

MESSAGES: dict[str, tuple[str, str]] = {
    "elections.title": ("{registry} 换届提醒（截至 {today}）", "{registry}: elections due (as of {today})"),
    "elections.headline": (
        "逾期 {overdue} 个，提醒期内 {due} 个，换届后续未办结 {follow} 个（提醒期 {lead}，截至 {today}）",
        "{overdue} overdue, {due} due within {lead}, {follow} with steps left after the congress (as of {today})",
    ),
    "elections.state.overdue": ("逾期", "overdue"),
    "elections.state.due": ("即将届满", "due"),
    "elections.days_left": ("剩 {days} 天", "{days} days left"),
    "elections.days_over": ("逾期 {days} 天", "{days} days overdue"),
    "elections.days_today": ("今天届满", "ends today"),
    "elections.step.plan": ("报送换届工作方案", "submit the 换届 plan"),
    "elections.step.approval": ("换届工作方案获批", "the 换届 plan approved"),
    "elections.step.election": ("召开换届大会", "hold the congress"),
    "elections.step.filing": ("换届结果报科协备案", "file the results with the 科协"),
    "elections.step.overdue": ("尽快换届或报批延期", "hold the 换届 now or get an extension approved"),
    # a Party cell's 换届 (《中国共产党支部工作条例》): the 上级党组织 approves it and the results
    "elections.step.party.plan": (
        "向上级党组织报送换届请示",
        "ask the higher Party organisation to hold the 换届",
    ),
    "elections.step.party.approval": ("取得上级党组织批复", "get the higher Party organisation's approval"),
    "elections.step.party.election": ("召开党员大会选举", "hold the Party members' assembly"),
    "elections.step.party.filing": (
        "选举结果报上级党组织审批",
        "report the results to the higher Party organisation",
    ),
    "elections.step_by": ("（{date} 前）", " (by {date})"),
    "elections.unknown_parent": ("--parent：没有 id 为 {id} 的记录", "--parent: no record with id {id}"),
    "elections.bad_within": (
        "无效的提醒期 {value!r}：应为天数、月数或年数，如 90d、6m、1y",
        "invalid lead time {value!r}: expected days, months or years such as 90d, 6m, 1y",
    ),
    "ics.summary": ("{name} {number}届满", "{name}: {number} term ends"),
    "ics.description": (
        "{name}（{kind}）{number}任期于 {end} 届满{extended}。下一步：{step}",
        "{name} ({kind}): the {number} term ends on {end}{extended}. Next step: {step}",
    ),
    "ics.extended": ("（已批准延期）", " (extension approved)"),
    "ics.alarm": ("{name} 换届提醒", "{name}: election reminder"),
}
MESSAGES.update(
    {
        "inspections.title": (
            "{registry} {year} 年度年检/年报情况（截止日 {deadline}）",
            "{registry}: annual inspections {year} (deadline {deadline})",
        ),
        "inspections.none": ("未录入", "no entry"),
        "inspections.follow_title": ("需跟进的社团", "Societies to follow up"),
        "inspections.follow.K402": (
            "连续两年未参检或不合格，可列为解除资格候选",
            "missing or failed two years running: candidate for revocation",
        ),
        "inspections.follow.K401": ("没有该年度的年检/年报记录", "no entry for the report year"),
        "inspections.follow_headline": (
            "解除资格候选 {k402} 个，未录入 {k401} 个",
            "{k402} revocation candidates, {k401} without an entry",
        ),
        "inspections.summary": (
            "{year} 年度：应参检 {owed} 个（另免检 {exempt} 个）；{parts}；合格率 {passed}（合格、基本合格占有结论的），报送率 {submitted}",
            "{year}: {owed} societies owe a report ({exempt} exempt); {parts}; pass rate {passed} (pass + basic pass among the verdicts), submitted {submitted}",
        ),
        "inspections.sheet_main": ("年检情况", "Inspections"),
        "inspections.sheet_follow": ("需跟进", "Follow up"),
        "inspections.bad_year": ("--year {year} 不在 1900–{max} 之间", "--year {year} is not between 1900 and {max}"),
    }
)
MESSAGES.update(
    {
        "party.coverage_title": (
            "{registry} 科技社团党的组织和工作覆盖（截至 {today}）",
            "{registry}: Party coverage of societies (as of {today})",
        ),
        "party.coverage.own": ("单独建立党组织", "own Party cell"),
        "party.coverage.joint": ("联合党支部", "joint branch"),
        "party.coverage.working-group": ("党的工作小组", "working group"),
        "party.coverage.functional": ("功能型党支部", "functional branch"),
        "party.coverage.liaison": ("仅党建联络员/指导员", "liaison or instructor only"),
        "party.coverage.none": ("未覆盖", "not covered"),
        "party.coverage.total": ("合计", "total"),
        "party.uncovered_title": ("未覆盖的社团", "Societies not covered"),
        "party.cells_title": ("党组织与三会一课", "Party cells and 三会一课"),
        "party.not_logged": ("未登记三会一课", "no meetings log"),
        "party.summary": (
            "正常状态社团 {total} 个：党组织覆盖 {covered} 个（{share}），仅联络员/指导员 {liaison} 个，未覆盖 {none} 个；党组织 {cells} 个，三会一课有缺项 {gaps} 个",
            "{total} active societies: {covered} covered by a Party cell ({share}), {liaison} by a liaison only, {none} not covered; {cells} Party cells, {gaps} with 三会一课 gaps",
        ),
        "party.sheet_coverage": ("覆盖情况", "Coverage"),
        "party.sheet_uncovered": ("未覆盖", "Not covered"),
        "party.sheet_cells": ("党组织", "Party cells"),
    }
)
MESSAGES.update(
    {
        "letters.unreadable": (
            "无法读取函件模板 {template}：{detail}",
            "Cannot read the letter template {template}: {detail}",
        ),
        "letters.template_error": (
            "函件模板 {template} 第 {line} 行有误：{detail}",
            "Letter template {template}, line {line}: {detail}",
        ),
        "letters.missing_block": (
            "函件模板 {template} 缺少块：{blocks}",
            "Letter template {template} lacks the blocks: {blocks}",
        ),
        "letters.no_letter": ("以下 id 没有需要发出的函件：{ids}", "No letter is due for these ids: {ids}"),
        "letters.none": ("没有需要发出的函件", "No letters are due"),
        "letters.written": (
            "已生成 {count} 份函件（{files} 个文件）到 {dir}",
            "Wrote {count} letters ({files} files) to {dir}",
        ),
    }
)
