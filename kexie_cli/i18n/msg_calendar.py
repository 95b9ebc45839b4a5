"""Messages of the calendar commands: due-elections, inspections, party, letters."""

MESSAGES: dict[str, tuple[str, str]] = {
    "kind.society": ("科技社团", "society"),
    "kind.branch": ("基层科协", "branch"),
    "kind.party-cell": ("党组织", "party cell"),
    "elections.title": ("{registry} 换届提醒（截至 {today}）", "{registry}: elections due (as of {today})"),
    "elections.headline": (
        "逾期 {overdue} 个，提醒期内 {due} 个（提醒期 {lead}，截至 {today}）",
        "{overdue} overdue, {due} due within {lead} (as of {today})",
    ),
    "elections.state.overdue": ("逾期", "overdue"),
    "elections.state.due": ("即将届满", "due"),
    "elections.days_left": ("剩 {days} 天", "{days} days left"),
    "elections.days_over": ("逾期 {days} 天", "{days} days overdue"),
    "elections.days_today": ("今天届满", "ends today"),
    "elections.step.plan": ("报送换届工作方案", "submit the 换届 plan"),
    "elections.step.approval": ("报请批准召开换届大会", "request approval of the congress"),
    "elections.step.election": ("召开换届大会", "hold the congress"),
    "elections.step.filing": ("换届结果备案", "file the results"),
    "elections.step.overdue": ("尽快换届或报批延期", "hold the 换届 now or get an extension approved"),
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
        "inspections.follow.K402": ("连续两年未参检或不合格，可列为解除资格候选", "missing or failed two years running: candidate for revocation"),
        "inspections.follow.K401": ("没有该年度的年检/年报记录", "no entry for the report year"),
        "inspections.follow_headline": ("解除资格候选 {k402} 个，未录入 {k401} 个", "{k402} revocation candidates, {k401} without an entry"),
        "inspections.summary": (
            "{year} 年度：应参检 {owed} 个（另免检 {exempt} 个）；{parts}；合格率 {passed}（合格+基本合格），报送率 {submitted}",
            "{year}: {owed} societies owe a report ({exempt} exempt); {parts}; passed {passed} (pass + basic pass), submitted {submitted}",
        ),
        "inspections.sheet_main": ("年检情况", "Inspections"),
        "inspections.sheet_follow": ("需跟进", "Follow up"),
        "inspections.bad_year": ("--year {year} 不在 1900–{max} 之间", "--year {year} is not between 1900 and {max}"),
    }
)
