"""The headers of a 年报 summary sheet (one row per organisation), by the annual record field they hold.

Every figure of ``figures/annual.py`` is found by its own label (学术活动场次) and the words sheets use
for it; a header may start with its year (``2025年学术活动场次``, ``2025年度科普活动``): the year of the
column (``kexie import --kind annual``, docs/import.md).
"""

from __future__ import annotations

import re

from kexie_cli.figures.annual import FIGURES

YEAR_TARGET = "year"
#: the organisation a row is about: matched by 统一社会信用代码, then by name (with or without the city)
ORG_NAME, ORG_USCC = "name", "registration.uscc"

_WORDS: dict[str, tuple[str, ...]] = {
    "academic.events": ("学术活动", "学术活动场次", "学术会议", "学术交流活动", "学术会议场次", "举办学术活动"),
    "academic.participants": ("参与人次", "学术活动参与人次", "参加人次", "参会人次", "学术活动人次"),
    "academic.international": ("国际性学术活动", "国际学术会议", "国际性"),
    "academic.national": ("全国性学术活动", "全国学术会议", "全国性"),
    "academic.regional": ("区域性学术活动", "区域性"),
    "academic.papers": ("交流论文", "论文", "交流论文篇数"),
    "popular.events": ("科普活动", "科普活动场次", "科普活动次数"),
    "popular.audience": ("受众", "受众人次", "科普受众", "科普受众人次", "科普活动受众"),
    "popular.science_day_events": ("全国科普日活动", "科普日活动", "科普日"),
    "popular.volunteers": ("科普志愿者", "志愿者", "志愿者人数"),
    "popular.volunteer_teams": ("志愿服务队", "科技志愿服务队"),
    "popular.venues": ("科普场馆", "展馆", "科普展馆"),
    "members.individual": ("个人会员", "个人会员数", "会员数", "会员人数"),
    "members.new": ("新发展会员", "新增会员", "新发展会员数", "发展会员"),
    "members.group": ("团体会员", "团体会员数", "单位会员"),
    "members.dues": ("会费", "会费收入", "会费收入（元）"),
    "funding.cast_grant": ("科协资助", "科协资助（元）", "科协资助经费"),
    "funding.projects": ("资助项目", "资助项目数", "项目数"),
    "funding.project_amount": ("项目资助金额", "项目资助", "项目经费", "项目资助（元）"),
    "think_tank.proposals": ("建议", "提交建议", "建言献策"),
    "think_tank.reports": ("决策咨询报告", "咨询报告"),
    "think_tank.adopted": ("被采纳", "采纳", "获批示", "被采纳或获批示"),
    "evaluations": ("科技评价", "科技评价项数"),
    "standards": ("团体标准", "发布团体标准", "团体标准数"),
    "journals": ("期刊", "主办期刊"),
    "party.new_members": ("发展党员", "发展党员数"),
    "party.meetings": ("三会一课", "三会一课次数"),
}
FIGURE_TARGETS = frozenset(".".join(f.path) for f in FIGURES)

ANNUAL: dict[str, str | None] = {
    **{word: target for target, words in _WORDS.items() for word in words},
    **{f.zh: ".".join(f.path) for f in FIGURES},
    "名称": ORG_NAME,
    "单位名称": ORG_NAME,
    "组织名称": ORG_NAME,
    "学会名称": ORG_NAME,
    "社团名称": ORG_NAME,
    "单位": ORG_NAME,
    "统一社会信用代码": ORG_USCC,
    "信用代码": ORG_USCC,
    "年度": YEAR_TARGET,
    "年份": YEAR_TARGET,
    "序号": None,
    "编号": None,
    "备注": None,
}
_YEAR_PREFIX = re.compile(r"^((?:19|20)\d{2})年度?")
_YEAR_ALONE = re.compile(r"^((?:19|20)\d{2})(?:年度?)?$")


def split_year(key: str) -> tuple[int | None, str]:
    """``2025年学术活动场次`` → (2025, ``学术活动场次``); a header without a leading year → (None, key)."""
    match = _YEAR_PREFIX.match(key)
    if match is None or len(key) == match.end():
        return None, key
    return int(match.group(1)), key[match.end() :]


def leading_year(key: str) -> int | None:
    """The year a header key starts with or is (``2025年学术活动场次``, ``2025年度``, ``2025``), or None."""
    match = _YEAR_ALONE.match(key) or _YEAR_PREFIX.match(key)
    return int(match.group(1)) if match else None
