"""Messages of issue 22 part B: 民办非企业单位, 学会联合体, 工作站, 科普基地, 志愿服务队, 区县 (K720–K741)."""

MESSAGES: dict[str, tuple[str, str]] = {
    # kexie show: the references of the new kinds, both ways (query/show.py ``_relation``)
    "show.lead": ("牵头学会", "Lead society"),
    "show.lead_of": ("牵头的联合体", "Leads alliance"),
    "show.members": ("成员学会", "Member society"),
    "show.members_of": ("所在联合体", "Member of alliance"),
    "show.host": ("依托单位", "Host"),
    "show.host_of": ("依托本单位", "Hosted here"),
    "show.district": ("所在区县", "District"),
    "show.district_of": ("本区县的科技社团", "Society of this district"),
    "K203.type": (
        "引用的「{target}」是{type}，此处应为{wanted}",
        "'{target}' is a branch of type {type}; a {wanted} is expected here",
    ),
    "K205.institute": (
        "统一社会信用代码「{value}」不是民办非企业单位（社会服务机构）代码（应以 {prefix} 开头）",
        "统一社会信用代码 '{value}' is not a 民办非企业单位 (社会服务机构) code (must start with {prefix})",
    ),
    "K720": (
        "联合体成员「{name}」（{target}）已{status}，不再在册",
        "Member '{name}' ({target}) is {status} and no longer on the books",
    ),
    "K721": ("牵头学会「{lead}」不在成员（members）之中", "Lead society '{lead}' is not among the members"),
    "K730": (
        "{type}评估已于 {end} 到期，已逾期 {days} 天",
        "{type}: review was due on {end}, {days} days overdue",
    ),
    "K731": (
        "{type}将于 {end} 到期评估（还有 {days} 天），请准备评估材料",
        "{type}: review due on {end} (in {days} days)",
    ),
    "K735": (
        "{type}认定已于 {end} 到期，已过期 {days} 天",
        "{type}: the recognition expired on {end}, {days} days ago",
    ),
    "K736": (
        "{type}认定将于 {end} 到期（还有 {days} 天），请准备重新申报",
        "{type}: the recognition expires on {end} (in {days} days)",
    ),
    "K740": (
        "只有区县级社团填写所在区县（district），本社团是{level}",
        "Only district-level societies name a district; this one is {level}",
    ),
    "K741": (
        "区县级社团没有填所在区县（district），无法计入所在区县的统计",
        "District-level society without its district: it cannot be counted for its 区县",
    ),
}
