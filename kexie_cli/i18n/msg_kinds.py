"""Messages of issue 22 part A (every kind follows the kinds registry): 分支机构, 联络处, 筹备."""

MESSAGES: dict[str, tuple[str, str]] = {
    "K701.uscc": (
        "分支机构不具有法人资格，不应有统一社会信用代码「{value}」（社会团体登记管理条例第十七条）",
        "A subunit is not a legal person and has no 统一社会信用代码 ('{value}'; 社会团体登记管理条例 art. 17)",
    ),
    "K701.legal": (
        "分支机构不具有法人资格（社会团体登记管理条例第十七条）",
        "A subunit is not a legal person (社会团体登记管理条例 art. 17)",
    ),
    "K702": (
        "名称表明是按地域设立的分支机构（{region}）；社会团体不得设立地域性分支机构",
        "The name makes this a subunit for a region ({region}); societies may not set up regional subunits",
    ),
    "K703": (
        "所属社团「{society}」已{status}，分支机构应一并终止",
        "Its society '{society}' is {status}: the subunit should end with it",
    ),
    "K704": (
        "本届任期至 {end}，超出所属社团「{society}」本届（至 {society_end}）",
        "The term runs to {end}, past that of its society '{society}' (to {society_end})",
    ),
    "K705": (
        "分支机构「{name}」另有记录 {unit}，成立日期为 {founded}；以记录为准",
        "Subunit '{name}' has a record of its own ({unit}) founded on {founded}; the record counts",
    ),
    "K706": (
        "所属社团「{society}」已{status}，联络处应一并终止",
        "Its society '{society}' is {status}: the liaison office should end with it",
    ),
    # a 分支机构's 换届 (the steps of ``elections.branch``): its society approves and files it
    "elections.step.subunit.plan": ("换届方案报所属社团审定", "submit the plan to its society"),
    "elections.step.subunit.approval": ("所属社团批复换届方案", "the society's approval"),
    "elections.step.subunit.election": ("召开分支机构换届会议", "hold the subunit's 换届 meeting"),
    "elections.step.subunit.filing": ("换届结果经所属社团报科协备案", "file the results through the society"),
    "new.prompt_parent.subunit": ("所属社团（名称或 id）", "Society it belongs to (name or id)"),
}
