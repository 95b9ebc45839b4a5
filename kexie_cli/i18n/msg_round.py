"""Messages of the 年报 round: kexie annual forms / collect / status / approve / return (docs/annual.md)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # a bad cell: where, what it holds, what is wrong and what is expected
    "round.cell.where": (
        "工作表“{sheet}”单元格 {cell}{value}：{problem}",
        "sheet '{sheet}', cell {cell}{value}: {problem}",
    ),
    "round.cell.value": ("（填的是“{value}”）", " (holds '{value}')"),
    "round.cell.not_number": (
        "不是数字；应填写不小于 0 的整数，如 12",
        "not a number; expected a whole number of 0 or more, e.g. 12",
    ),
    "round.cell.not_whole": (
        "不是整数；应填写不小于 0 的整数",
        "not a whole number; expected a whole number of 0 or more",
    ),
    "round.cell.negative": (
        "不能是负数；应填写不小于 0 的整数，没有的填 0",
        "cannot be negative; expected 0 or more (0 when there is none)",
    ),
    "round.cell.too_large": (
        "超过上限 {limit}；请核对单位和数位",
        "larger than {limit}; check the unit and the digits",
    ),
    "round.cell.too_small": (
        "小于下限 {limit}；如是年份请写四位数，如 2024",
        "smaller than {limit}; a year has four digits, e.g. 2024",
    ),
    "round.cell.not_date": (
        "不是日期；应填写 YYYY-MM-DD 格式的日期，如 2026-05-20",
        "not a date; expected a date as YYYY-MM-DD, e.g. 2026-05-20",
    ),
    "round.cell.outside_year": ("不在{year}年内；应填写{year}年的日期", "not in {year}; expected a date in {year}"),
    "round.cell.not_choice": (
        "不是可选的值；应从下拉列表中选择：{choices}",
        "not one of the choices; pick one of: {choices}",
    ),
    "round.cell.not_bool": ("应填写“是”或“否”", "expected 是 (yes) or 否 (no)"),
    "round.cell.control": ("含有不可见的控制字符；请重新输入", "holds invisible control characters; type it again"),
    "round.cell.too_long": ("超过 {limit} 个字；请精简", "longer than {limit} characters; shorten it"),
    "round.cell.required": (
        "“{field}”未填写；本行已填其他内容，此项必填",
        "'{field}' is blank; the row has other entries, so it is required",
    ),
    "round.cell.unknown_field": (
        "“{field}”不是当前年报的项目（表格由旧版本生成）；请用 kexie annual forms 重新生成",
        "'{field}' is not an item of the current form (made by an older version); make the form again",
    ),
    # files
    "round.not_a_form": (
        "{file}：不是 kexie annual forms 生成的年报表（缺少隐藏的“_kexie”工作表），未读取",
        "{file}: not a form made by kexie annual forms (no hidden '_kexie' sheet); not read",
    ),
    "round.unknown_org": (
        "{file}：台账中没有组织 {id}，未读取",
        "{file}: the registry has no organisation {id}; not read",
    ),
    "round.not_reporting": (
        "{file}：{name}无需报送{year}年度年报（非正常状态或当年之后成立），未读取",
        "{file}: {name} does not report for {year} (not active, or founded later); not read",
    ),
    "round.twice": (
        "{file}：本次已收取{name}的{year}年度年报，同一单位只取第一份，未读取",
        "{file}: {name}'s {year} report was already read in this run; only the first is taken",
    ),
    "round.file.refused": (
        "{file}：{count} 处填写有误，整份未录入；已标注的表格：{marked}",
        "{file}: {count} bad cells; nothing merged. Marked copy: {marked}",
    ),
    "round.file.refused_dry": (
        "{file}：{count} 处填写有误，整份不会录入（--dry-run，未写标注表格）",
        "{file}: {count} bad cells; nothing would be merged (--dry-run: no marked copy)",
    ),
    "round.file.errors": (
        "{file}：录入后台账会出现新的错误，整份未录入：",
        "{file}: merging would add errors to the registry; nothing merged:",
    ),
    "round.merged.created": (
        "{name}：{year}年度年报已录入，新建 {file}",
        "{name}: {year} report merged, created {file}",
    ),
    "round.merged.updated": (
        "{name}：{year}年度年报已录入，更新 {file}",
        "{name}: {year} report merged, updated {file}",
    ),
    "round.merged.status": (
        "{name}：{year}年度年报数据与台账一致，状态改为已报（{file}）",
        "{name}: {year} figures as in the registry; status set to submitted ({file})",
    ),
    "round.merged.same": (
        "{name}：{year}年度年报与台账一致，无需更改（{file}）",
        "{name}: {year} report already in the registry; nothing to change ({file})",
    ),
    "round.merged.dry": ("（--dry-run：未写入）", " (--dry-run: not written)"),
    "round.summary": (
        "共 {files} 个文件：录入 {merged} 份，无需更改 {same} 份，退回 {refused} 份",
        "{files} files: {merged} merged, {same} unchanged, {refused} refused",
    ),
    # forms
    "round.forms.written": (
        "已生成 {count} 个单位的{year}年度年报表（{files} 个文件），位于 {dir}",
        "{year} report forms for {count} organisations written ({files} files) to {dir}",
    ),
    "round.forms.no_form": (
        "以下 id 不是需报送{year}年度年报的组织：{ids}",
        "these ids are no organisations that report for {year}: {ids}",
    ),
    "round.forms.none": ("{year}年度没有需要报送年报的单位", "no organisation reports for {year}"),
    # approve / return
    "round.not_annual": ("{id} 不是年报记录（annual）", "{id} is not an annual record"),
    "round.cannot_approve": (
        "年报状态为“{status}”，只能审核已报的年报",
        "the report is {status}; only a submitted report can be approved",
    ),
    "round.cannot_return": (
        "年报状态为“{status}”，只能退回已报或已审核的年报",
        "the report is {status}; only a submitted or approved report can be returned",
    ),
    "round.reason_required": ("退回须写明原因（--reason）", "a return needs its reason (--reason)"),
    "round.moved.approve": ("{id}：已审核（{date}）", "{id}: approved ({date})"),
    "round.moved.return": ("{id}：已退回修改（{date}）", "{id}: returned ({date})"),
    "round.moved.same": ("{id}：已是已审核状态，未更改", "{id}: already approved; nothing changed"),
    # letters
    "letters.annual_written": (
        "已生成 {count} 份年报催报函（{files} 个文件），位于 {dir}",
        "{count} annual report reminders written ({files} files) to {dir}",
    ),
}
