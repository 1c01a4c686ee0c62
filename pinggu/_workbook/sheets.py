"""The workbook's layout as data: sheets, columns, value kinds, choices and help text.

The importer validates against these tables and the template writer lays them out, so the
two can never disagree about a header or a drop-down list.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._model import Qualification
from .._performance.sheets import PERFORMANCE_SHEETS
from .._sheets.cells import key
from .._sheets.columns import NO, YES, Column, SheetSpec, ValueKind
from .._survey_sheet import SURVEY_SHEET


@dataclass(frozen=True)
class InfoField:
    """One row of the key–value sheet 基本信息."""

    label: str
    attribute: str  # StationInfo field it fills
    kind: ValueKind
    required: bool = True
    choices: tuple[str, ...] = ()
    help: str = ""


KIND_CHOICES = ("中期评估", "末期评估")
PARTY_CHOICES = ("第三方评估机构", "购买方", "督导中心", "监督方")
FINDING_KIND_CHOICES = ("值得肯定", "需要关注")
ATTENDANCE_CHOICES = ("1", "0.5", "0")
QUALIFICATION_CHOICES = (YES, NO, *(q.value for q in Qualification))

INFO_SHEET = "基本信息"
INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("社工站", "station", ValueKind.TEXT, help="如：白云区京溪街社工服务站"),
    InfoField("区", "district", ValueKind.TEXT, help="如：白云区"),
    InfoField("街道", "street", ValueKind.TEXT, help="街道或镇，如：京溪街道"),
    InfoField(
        "地址",
        "address",
        ValueKind.TEXT,
        required=False,
        help="社工站地址，如：白云区京溪路京溪东街1巷2号",
    ),
    InfoField("承办方", "operator", ValueKind.TEXT, help="承办的社会工作服务机构"),
    InfoField(
        "承办起始日期",
        "operator_since",
        ValueKind.DATE,
        required=False,
        help="承办方开始运营本社工站的日期（报告写作「于2012年6月开始」，并据此计算运营年数）",
    ),
    InfoField(
        "项目负责人",
        "lead",
        ValueKind.TEXT,
        required=False,
        help="社工站项目负责人姓名；不填时取「到岗」表中岗位为站长或项目主任的唯一一人",
    ),
    InfoField(
        "负责人持证等级",
        "lead_qualification",
        ValueKind.QUALIFICATION,
        required=False,
        choices=tuple(q.value for q in Qualification),
        help="从下拉列表选择；不填时取负责人在「到岗」表中最后一个在岗月的持证等级",
    ),
    InfoField(
        "负责人从业年限",
        "lead_years",
        ValueKind.INTEGER,
        required=False,
        help="项目负责人从事社会工作的年数（报告写作「在行业内从业N年」）",
    ),
    InfoField("购买方", "purchaser", ValueKind.TEXT, help="街道办事处或镇人民政府"),
    InfoField("监督方", "supervisor", ValueKind.TEXT, help="区民政局"),
    InfoField("评估方", "evaluator", ValueKind.TEXT, help="第三方评估机构"),
    InfoField("评估类型", "kind", ValueKind.CHOICE, choices=KIND_CHOICES),
    InfoField("评估日期", "evaluation_date", ValueKind.DATE, help="实地评估的日期"),
    InfoField(
        "评估工作人员人数",
        "evaluation_staff",
        ValueKind.INTEGER,
        required=False,
        help="评估方参与实地评估的工作人员人数，不含评估专家（专家人数按「评分」表的评委计）",
    ),
    InfoField("考核期开始", "period_start", ValueKind.DATE),
    InfoField("考核期结束", "period_end", ValueKind.DATE),
    InfoField(
        "考核月数",
        "period_months",
        ValueKind.NUMBER,
        required=False,
        help="可不填：按考核期起止日期推算（起止月不足规定天数按半月计）；填写时须与推算一致",
    ),
    InfoField("协议开始", "contract_start", ValueKind.DATE),
    InfoField("协议结束", "contract_end", ValueKind.DATE),
    InfoField("协议经费（万元）", "contract_funding_wan", ValueKind.NUMBER, required=False),
    InfoField(
        "协议社工人数",
        "contract_workers",
        ValueKind.INTEGER,
        help="协议约定的社工人数，通常为 20",
    ),
    InfoField(
        "协议持证社工人数",
        "contract_certified_workers",
        ValueKind.INTEGER,
        help="协议约定的持证社工人数",
    ),
    InfoField("继续教育要求时数", "training_hours_required", ValueKind.NUMBER, required=False),
    InfoField("继续教育完成时数", "training_hours_done", ValueKind.NUMBER, required=False),
    InfoField("年度支出总额（元）", "annual_spending", ValueKind.NUMBER, required=False),
    InfoField("人员费用支出（元）", "personnel_spending", ValueKind.NUMBER, required=False),
    InfoField(
        "现场反馈异议",
        "onsite_objection",
        ValueKind.TEXT,
        required=False,
        help="现场反馈时社工站提出的异议及处理结果；留空表示未提出异议",
    ),
    InfoField(
        "初稿反馈异议",
        "draft_objection",
        ValueKind.TEXT,
        required=False,
        help="各方对评估报告初稿的反馈：无异议填「无异议」，有异议填异议及处理结果；留空表示尚未反馈（报告写明为初稿）",
    ),
)
INFO_COLUMNS = (Column("项目", ValueKind.TEXT, width=22), Column("内容", ValueKind.TEXT, width=40))

ZONES = SheetSpec(
    "片区",
    (Column("片区", ValueKind.TEXT, width=14), Column("社区", ValueKind.TEXT, width=20)),
    "每行一个社区及其所属片区。",
)
INDICATORS = SheetSpec(
    "指标",
    (
        Column("片区", ValueKind.TEXT, help="片区名称；全站性的指标填「全站」", width=12),
        Column("指标", ValueKind.TEXT, width=26),
        Column("计量", ValueKind.TEXT, help="如：人次、个、节数", width=10),
        Column(
            "协议量",
            ValueKind.NUMBER,
            required=False,
            help="留空表示协议未设指标（/）",
            width=10,
            unit_column="计量",
        ),
        Column("完成量", ValueKind.NUMBER, width=10, unit_column="计量"),
    ),
    "每行一个片区的一项指标。完成率由系统按合计计算，请勿填写百分比。",
)
ATTENDANCE = SheetSpec(
    "到岗",
    (
        Column("人员编号", ValueKind.TEXT, width=10),
        Column("姓名", ValueKind.TEXT, width=10),
        Column(
            "岗位",
            ValueKind.TEXT,
            help="如：站长、片长、社工；保洁、安保等不计入社工",
            width=10,
        ),
        Column("月份", ValueKind.MONTH, help="格式 YYYY-MM，如 2024-03", width=10),
        Column(
            "到岗",
            ValueKind.ATTENDANCE,
            choices=ATTENDANCE_CHOICES,
            help="满 15 天为 1，1–14 天为 0.5，未到岗为 0",
            width=8,
        ),
        Column(
            "持证",
            ValueKind.QUALIFICATION,
            choices=QUALIFICATION_CHOICES,
            help="填「是」或「否」，或填当月的持证等级：高级社会工作师、社会工作师（中级）、"
            "助理社会工作师、非持证（也可填简称：高级、中级、助理）；非持证即未持证",
            width=14,
        ),
        Column("从业满两年", ValueKind.YESNO, choices=(YES, NO), width=12),
        Column("社保", ValueKind.YESNO, choices=(YES, NO), width=8),
        Column("工资", ValueKind.YESNO, choices=(YES, NO), width=8),
        Column("备注", ValueKind.TEXT, required=False, width=30),
        Column(
            "片区",
            ValueKind.TEXT,
            required=False,
            help="选填：社工服务的片区（与「片区」表一致），站长等全站岗位填「全站」；整列可删去",
            width=12,
        ),
    ),
    "每人每月一行（附件2）。",
)
SCORES = SheetSpec(
    "评分",
    (
        Column("评估方", ValueKind.CHOICE, choices=PARTY_CHOICES, width=16),
        Column(
            "评估内容",
            ValueKind.TEXT,
            help="第三方评估机构填评估内容（如服务监测）；其他三方填评估方名称",
            width=14,
        ),
        Column(
            "片区",
            ValueKind.TEXT,
            required=False,
            help="仅按片区评分的评估内容（服务质量）填写",
            width=12,
        ),
        Column("评委", ValueKind.TEXT, width=12),
        Column("得分", ValueKind.NUMBER, width=8),
    ),
    "每位评委对每项评估内容（及片区）的得分一行。",
    may_be_empty=True,
)
VETOES = SheetSpec(
    "否决",
    (
        Column("情形", ValueKind.TEXT, width=40),
        Column("是否", ValueKind.YESNO, choices=(YES, NO), width=8),
        Column("说明", ValueKind.TEXT, required=False, help="选「是」时必须说明依据", width=40),
    ),
    "评估方认定的不合格情形；由系统计算的情形（人员配备、持证人次、人员费用比例）无需填写。",
    may_be_empty=True,
)
FINDINGS = SheetSpec(
    "意见",
    (
        Column("部分", ValueKind.TEXT, width=12),
        Column("片区", ValueKind.TEXT, required=False, help="仅服务质量部分填写", width=12),
        Column("类型", ValueKind.CHOICE, choices=FINDING_KIND_CHOICES, width=10),
        Column("内容", ValueKind.TEXT, width=80),
    ),
    "评估意见：每条一行。报告「结语」中的建议填在「结语」部分（不分片区，类型选「需要关注」）。",
    may_be_empty=True,
)

TABLE_SHEETS: tuple[SheetSpec, ...] = (ZONES, INDICATORS, ATTENDANCE, SCORES, VETOES, FINDINGS)

# The client roster is not evaluation data in itself: the layout detector never reads it, and an
# Evaluation holds no client's name or phone. `pinggu._roster` reads it for the survey's draw, and
# `pinggu._contacts.records` (without names or phones) for 兜底 follow-up (docs/contacts.md). It
# sits in the blank template so that a station can hand in one file, and may be its own file.
LEVEL_CHOICES = ("1", "2", "3", "4")
ROSTER = SheetSpec(
    "服务对象名册",
    (
        Column(
            "编号", ValueKind.TEXT, help="服务对象编号，名册内不得重复；抽样按编号进行", width=12
        ),
        Column("姓名", ValueKind.TEXT, width=10),
        Column("户编号", ValueKind.TEXT, help="一户一档的户编号；同一户的人填同一编号", width=12),
        Column("片区", ValueKind.TEXT, width=12),
        Column("社区", ValueKind.TEXT, width=16),
        Column(
            "类别",
            ValueKind.TEXT,
            help="一个或多个类别，用「、」分隔，如：低保、独居老人",
            width=24,
        ),
        Column(
            "分级",
            ValueKind.CHOICE,
            choices=LEVEL_CHOICES,
            help="风险分级 1–4 级；之后的调整填在「分级变更」表",
            width=8,
        ),
        Column(
            "电话",
            ValueKind.TEXT,
            required=False,  # a client without a usable phone is left out of the draw, noticed
            help="手机或固定电话，如 13900001234、020-12345678；没有电话的服务对象不参加抽样",
            width=16,
        ),
        Column("备注", ValueKind.TEXT, required=False, width=30),
        Column(
            "建档日期",
            ValueKind.DATE,
            required=False,
            help="建立档案的日期；留空表示考核期开始前已建档",
            width=12,
        ),
        Column(
            "结案日期",
            ValueKind.DATE,
            required=False,
            help="结案的日期；留空表示仍在跟进。结案后不再要求联系",
            width=12,
        ),
    ),
    "每位服务对象一行（一人一案），同一人只登记一次。本表用于满意度调查的抽样和困难群众跟进"
    "（与「服务记录」「分级变更」表一起），不计入评估数据；也可单独成为一个文件。",
)
CONTACTS = SheetSpec(
    "服务记录",
    (
        Column(
            "服务对象编号",
            ValueKind.TEXT,
            help="「服务对象名册」中的编号",
            width=14,
        ),
        Column(
            "日期",
            ValueKind.DATETIME,
            help="联系的日期，可带时间，如 2024-03-05 或 2024-03-05 14:30",
            width=18,
        ),
        Column(
            "方式",
            ValueKind.TEXT,
            choices=("电访", "入户探访", "来访", "外展", "微信或短信", "其他"),
            help="电话、家访、微信等常见写法也可识别；微信或短信问候只记录，不计为电访",
            width=12,
        ),
        Column("社工", ValueKind.TEXT, help="社工的人员编号（与「到岗」表一致）", width=10),
        Column(
            "时长（分钟）",
            ValueKind.NUMBER,
            required=False,
            help="联系的时长，单位分钟；可不填",
            width=12,
        ),
        Column(
            "节日慰问",
            ValueKind.YESNO,
            required=False,
            choices=(YES, NO),
            help="这次联系是否为节日慰问；不填视为「否」",
            width=10,
        ),
        Column("备注", ValueKind.TEXT, required=False, width=30),
    ),
    "每次联系一行：电访、入户探访等（可从各服务平台导出后粘贴，也可单独成为一个文件）。"
    "与「服务对象名册」一起用于困难群众跟进，不计入评估数据的其他部分。",
    required=False,
    may_be_empty=True,
)
GRADE_CHANGES = SheetSpec(
    "分级变更",
    (
        Column("服务对象编号", ValueKind.TEXT, help="「服务对象名册」中的编号", width=14),
        Column("日期", ValueKind.DATE, help="自该日起按新的分级跟进", width=12),
        Column(
            "分级", ValueKind.CHOICE, choices=LEVEL_CHOICES, help="调整后的风险分级 1–4 级", width=8
        ),
    ),
    "服务对象的风险分级每调整一次填一行；名册中的「分级」为调整前的分级。",
    required=False,
    may_be_empty=True,
)
HELP_SHEET = "说明"


# The sheets 兜底 follow-up reads from the evaluation workbook (docs/contacts.md).
FOLLOW_UP_SHEETS = frozenset(key(spec.name) for spec in (ROSTER, CONTACTS, GRADE_CHANGES))

# The performance evaluation's sheets, read apart by `pinggu._performance.sheets`.
PERFORMANCE_SHEET_KEYS = frozenset(key(spec.name) for spec in PERFORMANCE_SHEETS)

# Every sheet may be a field layout under any name (docs/layouts.md), so every sheet is read
# but these, which are never evaluation data (the follow-up sheets are read apart, by
# `pinggu._contacts.records`).
NOT_EVALUATION_DATA = (
    frozenset(
        key(name)
        for name in (HELP_SHEET, ROSTER.name, SURVEY_SHEET, CONTACTS.name, GRADE_CHANGES.name)
    )
    | PERFORMANCE_SHEET_KEYS
)


def wanted(sheet: str) -> bool:
    """Whether a sheet of a workbook is read for the evaluation."""
    return key(sheet) not in NOT_EVALUATION_DATA
