"""The audit log as people read it: each entry's old and new values (the JSON audit.py stored)
written out in Chinese, field by field, by a formatter per kind of action; never a Python dict,
a JSON text or a program's key.

A kind of action is the action's name before any「（…）」or「：…」(录入评分（购买方） is
录入评分). tests/test_web_audit_text.py writes every kind the workspace records and reads the
page.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .models import Round
from .rounds.workflow import step_names

# The fields the workspace writes into audit entries, by their key.
FIELDS = {
    "round": "评估编号",
    "kind": "评估类型",
    "station_name": "社工站",
    "period": "考核期",
    "fieldwork": "实地评估日期",
    "planned": "计划日期",
    "experts": "评估专家",
    "notes": "备注",
    "version": "版本",
    "filename": "文件",
    "fingerprint": "名册指纹",
    "clients": "服务对象人数",
    "via": "来源",
    "text": "内容",
    "resolution": "处理结果",
    "step": "步骤",
    "completed_on": "完成日期",
    "user": "用户",
    "seed": "种子",
    "n": "抽样人数",
    "roster_version": "名册版本",
    "roster_fingerprint": "名册指纹",
    "sample": "抽中人数",
    "client": "服务对象编号",
    "zone": "片区",
    "status": "联系结果",
    "reason": "原因",
    "answers": "各题评分",
    "comment": "意见",
    "attempt": "第几次拨打",
    "tries": "已拨打次数",
    "scores": "评分条数",
    "findings": "意见条数",
    "reached": "已联系上",
    "not_reached": "未联系上",
    "style": "报告样式",
    "batch": "批次",
    "sha256": "文件摘要",
    "records": "记录条数",
    "replaced": "替换的记录条数",
    "changes": "分级变更条数",
    "replaced_changes": "替换的分级变更条数",
    "files": "档案份数",
    "lists_fingerprint": "清单指纹",
    "drawn": "抽查份数",
    "reserve": "备用份数",
    "type": "类型",
    "file": "档案编号",
    "replacement": "替补档案",
    "marks": "检查结果",
    "document_kind": "材料类别",
    "tag": "对应",
    "agenda": "安排",
    "present": "出席专家",
    "interviewee": "对象类型",
    "who": "对象",
    "people": "人数",
    "at": "时间",
    "summary": "访谈内容",
    "finding": "相关意见",
    "added": "新列出的整改意见",
    "changed": "改动的整改意见",
    "withdrawn": "撤回的整改意见",
    "due": "整改期限",
    "rectification_status": "整改情况",
    "rectification_note": "说明",
}


def field_name(key: str) -> str:
    """An audit entry's field as people read it (FIELDS), e.g. in a conflict message."""
    return FIELDS.get(key, key)


def _value(key: str, value: Any) -> str:
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if key == "step":
        return step_names().get(str(value), str(value))
    if key == "kind" and value in Round.Kind.values:
        return str(Round.Kind(value).label)
    if key.endswith("fingerprint") or key == "sha256":
        return str(value)[:12]
    if key == "period" and isinstance(value, list) and len(value) == 2:
        return f"{value[0]} 至 {value[1]}"
    if key == "version" or key == "roster_version":
        return f"第 {value} 版"
    if key == "batch":
        return f"第 {value} 批"
    if isinstance(value, list):
        return "、".join(_value("", v) for v in value)
    if isinstance(value, dict):
        return fields(value)
    return str(value)


def fields(value: Any) -> str:
    """A dict of the FIELDS above: 「版本：第 2 版；文件：甲.xlsx」."""
    if not isinstance(value, dict):
        return _value("", value)
    return "；".join(f"{FIELDS.get(k, k)}：{_value(k, v)}" for k, v in value.items())


def scores(value: Any) -> str:
    """A judge's scores by "dimension|zone": 「服务监测 9.5；服务质量（第一片区）15.34」."""
    if not isinstance(value, dict):
        return _value("", value)
    parts = []
    for key, score in value.items():
        dimension, _, zone = str(key).partition("|")
        parts.append(f"{dimension}{f'（{zone}）' if zone else ''} {score}")
    return "；".join(parts)


def marks(value: Any) -> str:
    """A file's checklist marks: 「档案：个案 GA-012；检查结果：知情同意书签名 不符合（缺少签名）、…」."""
    if not isinstance(value, dict):
        return _value("", value)
    rest = {k: v for k, v in value.items() if k != "marks"}
    listed = [
        f"{m.get('item', '')} {m.get('verdict', '')}"
        + (f"（{m['note']}）" if m.get("note") else "")
        for m in value.get("marks") or []
        if isinstance(m, dict)
    ]
    shown = [fields(rest)] if rest else []
    return "；".join([*shown, f"检查结果：{'、'.join(listed) or '—'}"])


# Every kind of action the workspace records, with its formatter.
FORMATTERS: dict[str, Callable[[Any], str]] = {
    "创建评估": fields,
    "修改评估": fields,
    "删除评估": fields,
    "上传数据": fields,
    "上传服务对象名册": fields,
    "录入评分": scores,
    "导入评分和意见": fields,
    "添加意见": fields,
    "删除意见": fields,
    "完成步骤": fields,
    "提出异议": fields,
    "处理异议": fields,
    "抽样": fields,
    "重新抽样": fields,
    "满意度调查": fields,
    "替补": fields,
    "导入满意度调查": fields,
    "重置密码": fields,
    "选择报告样式": fields,
    "上传服务记录": fields,
    "上传档案清单": fields,
    "档案抽样": fields,
    "重新档案抽样": fields,
    "档案检查": marks,
    "档案找不到": fields,
    "录入自评得分": scores,
    "上传自评材料": fields,
    "删除自评材料": fields,
    "导入自评和实地评估记录": fields,
    "记录实地评估安排": fields,
    "记录访谈": fields,
    "修改访谈记录": fields,
    "删除访谈记录": fields,
    "列出整改意见": fields,
    "填写整改措施": fields,
    "上传佐证材料": fields,
    "删除佐证材料": fields,
    "评定整改情况": fields,
    "列为本轮需要关注的意见": fields,
    "填写绩效评价": fields,
}


def kind_of(action: str) -> str:
    return action.split("（", 1)[0].split("：", 1)[0]


def describe(action: str, value: Any) -> str:
    """An entry's old or new value in Chinese ("" when there is none)."""
    if value is None:
        return ""
    return FORMATTERS.get(kind_of(action), fields)(value)
