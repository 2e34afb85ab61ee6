"""The ticket schema: one field list, read by the reader, the generator, the store and docs/hotline.md.

A ticket (工单) is one row per ticket and handling unit: every ticket has exactly one row whose unit is
its main handler (主办, ``unit_role = main``); a ticket sent to helping units (协办) has one more row per
helper with ``unit_role = assist`` and the same ticket fields. The key of a row is
``(ticket_id, unit_code)``. Times are Beijing local time without a zone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

STRING = "string"
TIMESTAMP = "timestamp"
BOOL = "bool"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    kind: str  # string | timestamp | bool
    label_zh: str
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (code, 中文) — both spellings are read, the code is stored
    doc: str = ""

    @property
    def arrow_type(self) -> pa.DataType:
        return {STRING: pa.string(), TIMESTAMP: pa.timestamp("ms"), BOOL: pa.bool_()}[self.kind]


CHANNELS = (("phone", "电话"), ("web", "网站"), ("app", "北京通APP"), ("wechat", "微信"), ("weibo", "微博"),
            ("other", "其他"))
APPEAL_TYPES = (("consult", "咨询"), ("help", "求助"), ("complaint", "投诉"), ("report", "举报"),
                ("suggestion", "建议"))
UNIT_KINDS = (("street", "街乡"), ("department", "委办局"), ("enterprise", "企业"))
UNIT_ROLES = (("main", "主办"), ("assist", "协办"))
SATISFACTION = (("satisfied", "满意"), ("basic", "基本满意"), ("unsatisfied", "不满意"))

FIELDS: tuple[Field, ...] = (
    Field("ticket_id", STRING, "工单编号", True, doc="the hotline's work-order number"),
    Field("accepted_at", TIMESTAMP, "受理时间", True, doc="when the hotline accepted the call or message"),
    Field("channel", STRING, "渠道", True, CHANNELS),
    Field("appeal_type", STRING, "诉求类型", True, APPEAL_TYPES),
    Field("category1_code", STRING, "一级分类编码", True),
    Field("category1", STRING, "一级分类", True),
    Field("category2_code", STRING, "二级分类编码", True),
    Field("category2", STRING, "二级分类", True),
    Field("category3_code", STRING, "三级分类编码", True),
    Field("category3", STRING, "三级分类", True),
    Field("district_code", STRING, "区编码", True),
    Field("district", STRING, "区", True),
    Field("street_code", STRING, "街乡编码", True, doc="the 街道/乡镇 where the matter is"),
    Field("street", STRING, "街乡", True),
    Field("community_code", STRING, "社区编码", doc="the 社区/村; blank when not known"),
    Field("community", STRING, "社区"),
    Field("unit_code", STRING, "承办单位编码", True),
    Field("unit", STRING, "承办单位", True),
    Field("unit_kind", STRING, "承办单位类型", True, UNIT_KINDS),
    Field("unit_role", STRING, "主办/协办", True, UNIT_ROLES),
    Field("dispatched_at", TIMESTAMP, "派单时间"),
    Field("signed_at", TIMESTAMP, "签收时间"),
    Field("first_contact_at", TIMESTAMP, "首次联系时间"),
    Field("due_at", TIMESTAMP, "办理时限", doc="the deadline; a ticket closed after it, or open past it, is overdue"),
    Field("closed_at", TIMESTAMP, "办结时间", doc="blank while the ticket is open"),
    Field("assessed", BOOL, "纳入考核", True, doc="false: the ticket does not count in the assessment"),
    Field("unreasonable", BOOL, "不合理诉求", True),
    Field("appeal_approved", BOOL, "申诉核减", True, doc="an approved appeal takes the ticket out of the rates"),
    Field("visit_valid", BOOL, "有效回访", True, doc="the return visit reached the caller and got answers"),
    Field("contacted", BOOL, "是否联系", doc="required when visit_valid"),
    Field("solved", BOOL, "是否解决", doc="required when visit_valid"),
    Field("satisfaction", STRING, "满意度", choices=SATISFACTION, doc="required when visit_valid"),
    Field("caller_id", STRING, "来电人标识", doc="a pseudonym of the caller (never the phone number)"),
    Field("address", STRING, "诉求地址"),
    Field("tags", STRING, "标签", doc="';'-separated: 每月一题, 主动治理 …"),
)

BY_NAME: dict[str, Field] = {f.name: f for f in FIELDS}
COLUMNS: tuple[str, ...] = tuple(f.name for f in FIELDS)
KEY: tuple[str, str] = ("ticket_id", "unit_code")
# Chinese column headers are read too (a spreadsheet exported from the hotline's system).
HEADER_ALIASES: dict[str, str] = {f.label_zh: f.name for f in FIELDS}
ARROW_SCHEMA = pa.schema([pa.field(f.name, f.arrow_type, nullable=not f.required) for f in FIELDS])


def choice_codes(field: Field) -> set[str]:
    return {code for code, _ in field.choices}


def schema_table_markdown() -> str:
    """The field table of docs/hotline.md (a test keeps the doc equal to this)."""
    lines = ["| column | 中文 | type | required | values / notes |", "|---|---|---|---|---|"]
    for f in FIELDS:
        values = ", ".join(f"`{c}` {zh}" for c, zh in f.choices)
        note = "; ".join(x for x in (values, f.doc) if x)
        lines.append(f"| `{f.name}` | {f.label_zh} | {f.kind} | {'yes' if f.required else ''} | {note} |")
    return "\n".join(lines)
