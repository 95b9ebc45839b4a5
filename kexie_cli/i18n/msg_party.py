"""Messages of party work by form (issue 13): coverage, 三会一课 by form, K306/K508/K509."""

MESSAGES: dict[str, tuple[str, str]] = {
    # K506 over the last 12 months
    "K506.year": ("近12个月没有{type}", "三会一课 gap: no {type} in the last 12 months"),
    "party.last_12_months": ("近12个月", "last 12 months"),
    "K306.group_leader": (
        "现任组长应为 1 人，实有 {count} 人（党的工作小组由组长负责）",
        "Exactly one current group leader (组长) expected, found {count}",
    ),
    "K508": (
        "双重管理（B 类）党组织未登记挂靠单位（host_unit），所覆盖社团也未登记挂靠单位",
        "Category B (dual management) without a host unit (host_unit), nor a supporting unit on a covered record",
    ),
    "K509": (
        "管理类别 C（功能型特设）只用于功能型党支部，本组织为{form}",
        "Category C (functional) is for a functional-branch; this cell is a {form}",
    ),
    "party.cover.own": ("单独建立党组织", "own Party cell"),
    "party.cover.joint": ("联合党支部", "joint branch"),
    "party.cover.functional": ("功能型党支部", "functional branch"),
    "party.cover.working-group": ("党的工作小组", "working group"),
    "party.cover.liaison": ("党建联络员/指导员", "liaison or instructor"),
    "party.cover.organisation": ("党的组织覆盖", "organisation cover"),
    "party.cover.work": ("党的工作覆盖", "work cover"),
    "party.cover.none": ("未覆盖", "not covered"),
    "party.cover.total": ("在册社团合计", "societies on the books"),
    "party.cover.note": (
        "一个社团有几种覆盖方式就在几行计数；党的组织覆盖 = 单独建立党组织、联合党支部或功能型党支部；"
        "党的工作覆盖 = 党的组织覆盖、党的工作小组或党建联络员/指导员（见 docs/party.md）",
        "A society counts under every form of cover it has; organisation cover = own cell, joint or functional "
        "branch; work cover = organisation cover, a working group or a liaison (docs/party.md)",
    ),
    "party.societies_title": ("各社团覆盖方式", "Cover of each society"),
    "party.sheet_societies": ("各社团", "Societies"),
    "party.not_checked": ("不开展三会一课", "no 三会一课 (working group)"),
    "party.no_elections": ("不换届", "not elected"),
    "party.overview": (
        "在册社团 {total} 个：党的组织覆盖 {organisation} 个（{organisation_share}），党的工作覆盖 {work} 个"
        "（{work_share}），未覆盖 {none} 个（其中正常状态 {active} 个，即 K501）；党组织 {cells} 个，"
        "三会一课有缺项 {gaps} 个（K506 {findings} 条）",
        "{total} societies on the books: organisation cover {organisation} ({organisation_share}), work cover "
        "{work} ({work_share}), {none} not covered ({active} of them active: K501); {cells} Party cells, "
        "{gaps} with 三会一课 gaps ({findings} K506 findings)",
    ),
}
