"""Messages of issue 20: the 换届 steps of each kind, K310–K312, K510–K514, the refused edits."""

MESSAGES: dict[str, tuple[str, str]] = {
    "elections.state.follow-up": ("换届后续", "follow-up"),
    "elections.awaiting": ("待{step}", "awaiting: {step}"),
    # a society's steps (docs/calendar.md has each source)
    "elections.step.audit": ("完成换届财务审计", "have the pre-換届 financial audit done"),
    "elections.step.request": ("报送召开会员（代表）大会的请示", "request approval of the congress"),
    "elections.step.request_approval": ("召开大会的请示获批复", "the congress approved"),
    "elections.step.filing_approval": ("业务主管单位审查同意", "the 业务主管单位's consent"),
    "elections.step.registration": ("向登记管理机关申请变更登记", "apply for the change of registration"),
    # a 基层科协's steps
    "elections.step.branch.plan": ("换届方案报同级党委（所在单位党组织）", "submit the plan to the Party committee"),
    "elections.step.branch.approval": ("同级党委（所在单位党组织）批复", "the Party committee's approval"),
    "elections.step.branch.election": ("召开代表大会（会员大会）", "hold the congress"),
    "elections.step.branch.filing": ("换届结果报上级科协备案", "file the results with the upper 科协"),
    "elections.step.party.candidates": (
        "候选人预备人选报上级党组织审查",
        "have the candidates reviewed by the higher Party organisation",
    ),
    "election.done.party.plan_submitted": ("已报请示 {date}", "request submitted {date}"),
    "election.done.audited": ("已审计 {date}", "audited {date}"),
    "election.done.candidates": ("候选人已审查 {date}", "candidates reviewed {date}"),
    "election.done.congress_requested": ("已报大会请示 {date}", "congress requested {date}"),
    "election.done.congress_approved": ("大会已获批 {date}", "congress approved {date}"),
    "election.done.filed": ("已报备案 {date}", "filed {date}"),
    "election.done.filing_approved": ("已审查同意 {date}", "consented {date}"),
    "K309.society": (
        "换届大会已于 {held} 召开，{deadline} 前（30个工作日）未录入换届结果报科协备案（{path}.filed）{note}",
        "the congress was held on {held}; no filing with the 科协 ({path}.filed) by {deadline}{note}",
    ),
    "K309.branch": (
        "换届大会已于 {held} 召开，已超过 {days} 日（{deadline}）未录入换届结果报上级科协备案（{path}.registered）",
        "the congress was held on {held}; not filed with the upper 科协 ({path}.registered) within {days} days "
        "({deadline})",
    ),
    "K309.party-cell": (
        "党员大会已于 {held} 召开，已超过 {days} 日（{deadline}）未录入选举结果报上级党组织审批（{path}.registered）",
        "the assembly was held on {held}; results not reported to the higher Party organisation "
        "({path}.registered) within {days} days ({deadline})",
    ),
    "K312": (
        "业务主管单位审查同意后 {deadline} 前未录入变更登记（{path}.registered；《社会团体登记管理条例》第十八条：30日内）",
        "no change of registration ({path}.registered) by {deadline}, 30 days after the consent "
        "(社会团体登记管理条例 art. 18)",
    ),
    "K310": (
        "“{step}”日期 {date} 早于前一步骤“{earlier}”（{earlier_date}）",
        "step {step} dated {date}, before the earlier step {earlier} ({earlier_date})",
    ),
    "K311": ("已记录“{later}”，但缺少前面的步骤：{missing}", "{later} recorded, but earlier steps missing: {missing}"),
    "K510.longer": (
        "每届任期 {years} 年，长于{form}通常的 {usual} 年（中办《关于党的基层组织任期的意见》；设置 party.term_years）",
        "term of {years} years, longer than the usual {usual} of a {form} (settings party.term_years)",
    ),
    "K510.shorter": (
        "每届任期 {years} 年，短于{form}通常的 {usual} 年（中办《关于党的基层组织任期的意见》；设置 party.term_years）",
        "term of {years} years, shorter than the usual {usual} of a {form} (settings party.term_years)",
    ),
    "K511": (
        "党支部有党员 {count} 人，一般不超过 {max} 人（《中国共产党支部工作条例（试行）》），宜分设支部或成立党总支",
        "{count} members; a branch has no more than {max} as a rule: split it or form a general branch",
    ),
    "K512": (
        "正式党员 {count} 人（{min} 人以上），应设立支部委员会，leaders 中没有现任委员（committee-member）",
        "{count} full members ({min} or more): a branch committee is due, no current committee-member in leaders",
    ),
    "K513": (
        "A 类（实体管理）党组织应登记上级党组织（parent，科技社团党委）",
        "a category A cell must name its parent (the 科技社团党委)",
    ),
    "election.planned_only": (
        "--planned 只用于 congress_requested（召开大会的请示）",
        "--planned goes with congress_requested only",
    ),
    "edit.future_date": (
        "{option} {date} 晚于今天（{today}）：只记录已经发生的事；未写入",
        "{option} {date} is after today ({today}): record only what has happened; nothing written",
    ),
    "elect.working_group": (
        "党的工作小组由上级党组织指定组长和成员，不进行换届选举；未写入（更换组长请用 kexie set）",
        "a Party working group is appointed, not elected: no 换届 recorded (change its leader with kexie set)",
    ),
    "elect.role_of_kind": (
        "党组织选举书记、副书记、委员（--secretary、--deputy-secretary、--member），不能用 {roles}；未写入",
        "a Party cell elects --secretary, --deputy-secretary and --member, not {roles}; nothing written",
    ),
    "elect.same_day": (
        "换届日期 {date} 不晚于本届开始日期 {started}：同一天不能换届两次；未写入",
        "the 换届 date {date} is not after the start of the current term ({started}): nothing written",
    ),
    "diff.moved_to": ("移入{where}", "moved into {where}"),
}
