"""Who may do what: ONE table of actions and the roles that may take each, with a Chinese
description (documented in docs/roles.md, which a test keeps in step with this table).

Every role check of the workspace reads this table, through `can` or through
`access.load_round(user, round_id, action=...)`. A role here is one the user holds *for the
round* (`access.round_roles`): a station's staff hold `station` only for their own station's
rounds. Which rounds a role sees at all is the visibility rule of `access.visible_rounds`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import Role


@dataclass(frozen=True)
class Action:
    roles: frozenset[str]
    description: str  # in Chinese, as docs/roles.md lists it


def _action(description: str, *roles: Role) -> Action:
    return Action(frozenset(str(r) for r in roles), description)


EVERYONE = tuple(Role)  # every role that has a part in the round
_C, _E, _S, _P = Role.COORDINATOR, Role.EXPERT, Role.STATION, Role.PURCHASER
_CENTRE, _BUREAU, _CITY = Role.SUPERVISION_CENTRE, Role.SUPERVISOR, Role.CITY

ACTIONS: dict[str, Action] = {
    "view_round": _action("查看评估（本人有份的评估）", *EVERYONE),
    "create_round": _action("创建评估、指派评估专家", _C),
    "upload_data": _action("上传评估工作簿（报告出具前）", _S, _C),
    "replace_issued_data": _action("报告出具后修改数据（须填写原因）", _C),
    "upload_roster": _action("上传服务对象名册", _S, _C),
    # The parties' scores, by the scheme's party id.
    "score:third_party": _action("以第三方评估机构身份评分", _E),
    "score:purchaser": _action("以购买方身份评分", _P),
    "score:supervision_centre": _action("以督导中心身份评分", _CENTRE),
    "score:supervisor": _action("以监督方（区民政局）身份评分", _BUREAU),
    # Findings: the parties' own sections by name; every other section is the experts'.
    "write_findings": _action("撰写评估意见（各方专属部分以外的部分），保留或删改规则草稿", _E, _C),
    "write_findings:购买方": _action("撰写「购买方」部分的意见", _P, _C),
    "write_findings:督导中心": _action("撰写「督导中心」部分的意见", _CENTRE, _C),
    "write_findings:监督方": _action("撰写「监督方」部分的意见", _BUREAU, _C),
    # The workflow's steps (pinggu/workflow.toml); plan is completed by creating the round.
    "complete_step:self_assessment": _action("完成步骤「自评」", _S, _C),
    "complete_step:fieldwork": _action("完成步骤「实地评估」", _C),
    "complete_step:preliminary_feedback": _action("完成步骤「初评反馈」", _C),
    "complete_step:report_issued": _action("完成步骤「报告出具」（锁定数据）", _C),
    "complete_step:district_confirmation": _action("完成步骤「区民政局确认」", _BUREAU),
    "complete_step:publication": _action("完成步骤「公示」", _BUREAU),
    "complete_step:review": _action("完成步骤「复核」", _BUREAU),
    "complete_step:final": _action("完成步骤「定稿」", _BUREAU),
    "raise_objection": _action(
        "提出异议（定稿前；市级只读账号不能）", _S, _C, _E, _P, _CENTRE, _BUREAU
    ),
    "resolve_objection": _action("处理异议", _C, _BUREAU),
    "open_review": _action("公示期间有异议时开始复核（解除锁定以便更正）", _BUREAU),
    "reopen_round": _action("重新打开已出具报告的评估（须填写原因）", _C),
    "view_unissued_result": _action("报告出具前查看评估结果", _C, _E, _P, _CENTRE, _BUREAU, _CITY),
    "download_report": _action("下载评估报告（任何时候）", _C, _P, _CENTRE, _BUREAU, _CITY),
    "download_issued_report": _action(
        "报告出具后下载评估报告", _C, _S, _P, _CENTRE, _BUREAU, _CITY
    ),
    "view_audit_log": _action("查看评估的修改记录", _C, _BUREAU),
    "survey_draw": _action("满意度调查：抽样、复核抽样、导入调查结果、导出名单", _C, _E),
    "survey_desk": _action("满意度调查：使用调查台拨打（显示完整电话，留痕）", _C, _E),
    "view_personal_data": _action("查看抽样名单等个人信息（遮盖显示）", _C, _E),
    "export_unmasked": _action("导出未遮盖的姓名和电话（须确认，留痕）", _C, _E),
    "view_access_log": _action("查看个人信息查看记录", _C, _BUREAU),
    "view_dashboard": _action("查看评估总览及导出其表格", _BUREAU, _CENTRE, _CITY, _C),
    "reset_password": _action("重置本评估机构人员（仅在本机构任职者）的密码", _C),
    "edit_round": _action("实地评估前修改评估的专家、考核期、实地评估日期和备注", _C),
    "choose_report_style": _action("选择报告样式（报告出具前）", _C, _E),
    "delete_round": _action("删除尚无数据和评分的评估（须确认）", _C),
    # 档案抽查 (pinggu/web/spotcheck/): the station's file lists, the draw, the checklist desk.
    "upload_file_lists": _action("上传档案清单（个案、小组、社区活动；报告出具前）", _S, _C),
    "spot_check_draw": _action("档案抽查：抽样、复核抽样", _C, _E),
    "spot_check_mark": _action("档案抽查：填写检查表，记录找不到的档案并由备用档案替补", _C, _E),
    "view_spot_checks": _action(
        "报告出具前查看档案抽查的抽样名单、检查表和结果（社工站在报告出具后可见）",
        _C,
        _E,
        _P,
        _CENTRE,
        _BUREAU,
        _CITY,
    ),
    # 兜底 follow-up (pinggu/web/followup/): the station's records, not a round's.
    "upload_contacts": _action("上传服务记录（电访、入户探访等）和分级变更", _S, _C),
    "view_followup": _action(
        "查看本站跟进提醒（服务对象姓名遮盖显示）及导出", _S, _P, _C, _E, _BUREAU, _CENTRE
    ),
    "view_round_followup": _action("在评估页查看考核期内的跟进达标情况", _C, _E),
    # 自评 and the on-site day (pinggu/web/selfassess/, pinggu/web/onsiteday/).
    "self_assess": _action("填写自评得分、上传自评报告和佐证材料（实地评估完成前）", _S, _C),
    "correct_self_assessment": _action("实地评估完成后、报告出具前更正自评", _C),
    "view_self_assessment": _action("查看自评得分和自评材料", *EVERYONE),
    "record_onsite_day": _action("记录实地评估安排、出席专家和访谈记录（报告出具前）", _C, _E),
    "view_interviews": _action("报告出具前查看访谈和实地查看记录", _C, _E, _CENTRE, _BUREAU, _CITY),
    "view_issued_interviews": _action("报告出具后查看访谈和实地查看记录", *EVERYONE),
    # 整改 (pinggu/web/rectification/): a round's kept concerns, answered by the station and
    # marked at its next round.
    "respond_rectification": _action(
        "填写本站评估意见的整改措施、上传佐证材料（下一轮评估报告出具前）", _S
    ),
    "mark_rectification": _action(
        "评定上一轮评估意见的整改情况，或列为本轮需要关注的意见（本轮报告出具前）", _E, _C
    ),
    "view_rectification_evidence": _action(
        "查看、下载整改佐证材料", _S, _C, _E, _P, _CENTRE, _BUREAU
    ),
    # The street office's performance evaluation (pinggu/web/performance/), in the final round.
    "edit_performance": _action("填写绩效评价的预算、绩效目标和叙述（末期评估）", _P, _C),
    "view_performance": _action(
        "查看绩效自评表、下载绩效评价报告（末期评估）", _P, _C, _S, _BUREAU, _CENTRE, _CITY
    ),
    # Not a round's: any report, from any agency, uploaded and checked (pinggu/web/checks/).
    "check_report": _action("报告核对：上传任何评估报告，核对其中的计算", _BUREAU, _CITY),
}


def roles_for(action: str) -> frozenset[str]:
    """The roles that may take `action`; an action missing from the table is a programming
    error (KeyError), never a silent refusal."""
    return ACTIONS[action].roles


def can(held: Iterable[str], action: str) -> bool:
    """Whether any of the roles `held` may take `action`."""
    return not roles_for(action).isdisjoint(held)


def prefixed(prefix: str) -> list[str]:
    """The actions of a family, in table order: `prefixed("score:")` → every party's scoring."""
    return [name for name in ACTIONS if name.startswith(prefix)]


def party_of(held: Iterable[str]) -> str | None:
    """The party (the scheme's party id) these roles score for, or None."""
    held = set(held)
    return next((a.split(":", 1)[1] for a in prefixed("score:") if can(held, a)), None)


def may_score(held: Iterable[str]) -> bool:
    return party_of(held) is not None
