"""The Excel round-trip of a department's reporting: build its template, read back what it filled in.

The template is one sheet with a row per task. Identity columns (code, name, unit, target, last approved
figure) are locked by sheet protection; the three input columns (as of, cumulative value, note) are
unlocked and carry data validation (a decimal ≥ 0; a date within the reporting round). A hidden last
column holds a row token, an HMAC of the round and the task, so a row that was copied, re-ordered or
edited to name another task is caught on upload.

Reading never saves anything: :func:`parse_upload` answers rows and per-cell errors; the view decides,
and saves through the workflow services. Idempotency (the same file twice creates nothing twice) is the
row's :attr:`ParsedRow.fingerprint` (task, as of, value), which the view compares with the submissions
the task already has.

This module needs no database: callers pass plain :class:`TemplateTask` and :class:`RoundInfo`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import io
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from xml.etree.ElementTree import ParseError

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from planwatch.core.errors import PlanwatchError
from planwatch.package import xlsxread
from planwatch.package.formulas import xlsx_text

FORMAT_VERSION = "planwatch-report-template/1"
SHEET = "填报"
META_SHEET = "meta"
HEADER_ROW = 3
FIRST_ROW = HEADER_ROW + 1
EXCEL_EPOCH = dt.date(1899, 12, 30)

# (field, Chinese header, English header, width, is input)
COLUMNS: tuple[tuple[str, str, str, int, bool], ...] = (
    ("code", "任务编号", "Task code", 12, False),
    ("name", "任务名称", "Task", 46, False),
    ("unit", "单位", "Unit", 10, False),
    ("target", "全年目标", "Annual target", 28, False),
    ("last_value", "上次审核通过值", "Last approved", 14, False),
    ("last_as_of", "上次截至日期", "Last as of", 13, False),
    ("as_of", "截至日期", "As of", 13, True),
    ("value", "累计完成值", "Cumulative value", 14, True),
    ("account", "进展情况（1-3句）", "Account of the work (1-3 sentences)", 46, True),
    ("note", "备注", "Note", 30, True),
    ("token", "token", "token", 10, False),
)
COL = {name: i + 1 for i, (name, *_rest) in enumerate(COLUMNS)}


class TemplateError(PlanwatchError):
    """The upload is not a reporting template of this department and round."""


@dataclass(frozen=True)
class TemplateTask:
    """One task of the department as the template shows it."""

    task_id: int
    code: str
    name: str
    unit: str = ""
    target: str = ""
    last_value: Decimal | None = None
    last_as_of: dt.date | None = None


@dataclass(frozen=True)
class RoundInfo:
    """The reporting round the template is for, and whose tasks it holds."""

    round_id: int
    label: str  # 2021年6月
    starts: dt.date  # earliest as-of date accepted
    ends: dt.date  # latest as-of date accepted (the round's reporting date)
    department_code: str
    department_name: str


@dataclass(frozen=True)
class CellError:
    row: int  # the Excel row number, as the user sees it
    column: str  # the Excel column letter
    field: str
    message: str

    @property
    def cell(self) -> str:
        return f"{self.column}{self.row}"

    @property
    def label(self) -> str:
        """The header of the field's column in the interface's language."""
        from django.utils.translation import get_language

        for name, zh, en, _w, _i in COLUMNS:
            if name == self.field:
                return en if (get_language() or "").startswith("en") else zh
        return self.field


@dataclass(frozen=True)
class ParsedRow:
    row: int
    task_id: int
    code: str
    as_of: dt.date
    value: Decimal
    note: str = ""
    account: str = ""

    @property
    def fingerprint(self) -> str:
        """Identity of the figure reported: the same task, date and value is the same report."""
        return fingerprint(self.task_id, self.as_of, self.value)


@dataclass
class UploadResult:
    rows: list[ParsedRow] = field(default_factory=list)  # rows without errors
    errors: list[CellError] = field(default_factory=list)
    blank: int = 0  # task rows left empty (nothing reported)

    @property
    def ok(self) -> bool:
        return not self.errors

    def errors_by_row(self) -> dict[int, list[CellError]]:
        out: dict[int, list[CellError]] = {}
        for e in self.errors:
            out.setdefault(e.row, []).append(e)
        return out


def fingerprint(task_id: int, as_of: dt.date, value: Decimal) -> str:
    text = f"{task_id}|{as_of.isoformat()}|{value.normalize():f}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def row_token(secret: str, round_id: int, task_id: int) -> str:
    mac = hmac.new(secret.encode(), f"{round_id}:{task_id}".encode(), hashlib.sha256).hexdigest()[:16]
    return f"{round_id}.{task_id}.{mac}"


def _check_token(secret: str, token: str, round_id: int) -> int | None:
    """The task id a token names, if it is genuine and of this round."""
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    rid, tid = int(parts[0]), int(parts[1])
    if rid != round_id or not hmac.compare_digest(token, row_token(secret, rid, tid)):
        return None
    return tid


def excel_serial(day: dt.date) -> int:
    return (day - EXCEL_EPOCH).days


# ---------------------------------------------------------------------------------------------- build

_THIN = Side(style="thin", color="B8C1CC")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="EEF1F5")
_INPUT_FILL = PatternFill("solid", fgColor="FFF8E1")


def build_template(info: RoundInfo, tasks: Iterable[TemplateTask], secret: str) -> bytes:
    """The .xlsx a department downloads, fills in and uploads."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET

    xlsx_text(ws["A1"], f"{info.department_name} · {info.label} 计划任务进展填报表")  # names come from data
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells(f"A1:{get_column_letter(len(COLUMNS) - 1)}1")
    ws["A2"] = (
        f"请只填写黄色列（截至日期、累计完成值、进展说明）。截至日期须在 {info.starts:%Y-%m-%d} 至 "
        f"{info.ends:%Y-%m-%d} 之间；累计完成值为年初至截至日期的累计数，不得小于上次审核通过值。"
        " Fill in the yellow columns only."
    )
    ws["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells(f"A2:{get_column_letter(len(COLUMNS) - 1)}2")
    ws.row_dimensions[2].height = 34

    for name, zh, en, width, is_input in COLUMNS:
        c = ws.cell(row=HEADER_ROW, column=COL[name], value=f"{zh}\n{en}")
        c.font = Font(bold=True)
        c.fill = _INPUT_FILL if is_input else _HEAD_FILL
        c.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        c.border = _BORDER
        ws.column_dimensions[get_column_letter(COL[name])].width = width
    ws.row_dimensions[HEADER_ROW].height = 32
    ws.column_dimensions[get_column_letter(COL["token"])].hidden = True

    n = 0
    for n, task in enumerate(tasks, start=1):
        r = HEADER_ROW + n
        values: dict[str, object] = {
            "code": task.code,
            "name": task.name,
            "unit": task.unit,
            "target": task.target,
            "last_value": task.last_value,
            "last_as_of": task.last_as_of,
            "as_of": info.ends,
            "value": None,
            "account": None,
            "note": None,
            "token": row_token(secret, info.round_id, task.task_id),
        }
        for name, _zh, _en, _w, is_input in COLUMNS:
            c = ws.cell(row=r, column=COL[name])
            value = values[name]
            if isinstance(value, str):
                xlsx_text(c, value)  # a task named "=HYPERLINK(…)" stays text
            else:
                c.value = value
            c.border = _BORDER
            c.alignment = Alignment(wrap_text=name in ("name", "target", "account", "note"), vertical="top")
            if name in ("as_of", "last_as_of"):
                c.number_format = "yyyy-mm-dd"
            if name in ("value", "last_value"):
                c.number_format = "General"
            if is_input:
                c.fill = _INPUT_FILL
                c.protection = Protection(locked=False)
    last_row = HEADER_ROW + max(n, 1)

    value_dv = DataValidation(
        type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True, showErrorMessage=True,
        errorTitle="累计完成值", error="请填写不小于0的数字 / a number ≥ 0",
    )
    date_dv = DataValidation(
        type="date", operator="between", formula1=str(excel_serial(info.starts)),
        formula2=str(excel_serial(info.ends)), allow_blank=True, showErrorMessage=True, errorTitle="截至日期",
        error=f"日期须在 {info.starts:%Y-%m-%d} 至 {info.ends:%Y-%m-%d} 之间 / a date within the round",
    )
    vcol, dcol = get_column_letter(COL["value"]), get_column_letter(COL["as_of"])
    value_dv.add(f"{vcol}{FIRST_ROW}:{vcol}{last_row}")
    date_dv.add(f"{dcol}{FIRST_ROW}:{dcol}{last_row}")
    ws.add_data_validation(value_dv)
    ws.add_data_validation(date_dv)

    ws.freeze_panes = f"C{FIRST_ROW}"
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widths may be changed; nothing locked may be edited
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"

    meta = wb.create_sheet(META_SHEET)
    for i, (k, v) in enumerate(
        (("format", FORMAT_VERSION), ("round", str(info.round_id)), ("department", info.department_code)),
        start=1,
    ):
        meta.cell(row=i, column=1, value=k)
        xlsx_text(meta.cell(row=i, column=2), v)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------------------------- parse


def _cell_text(v: object) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def parse_decimal(v: object) -> Decimal:
    """A figure from a cell: numbers as Excel stored them, text with thousands separators accepted."""
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, int):
        return Decimal(v)
    if isinstance(v, float):
        d = Decimal(repr(v))  # the shortest text that reads back as this float: 91.4, not 91.400000000000006
    else:
        text = str(v).strip().replace(",", "").replace("，", "").replace(" ", "")
        text = text.translate(str.maketrans("０１２３４５６７８９．－", "0123456789.-"))
        if len(text) > 40:
            raise ValueError(v)
        try:
            d = Decimal(text)
        except InvalidOperation as exc:
            raise ValueError(v) from exc
    if not d.is_finite() or abs(d.adjusted()) > 15:  # 1E+1000000 is no figure of a plan
        raise ValueError(v)
    return d


def parse_date(v: object) -> dt.date:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, int | float) and not isinstance(v, bool):
        if not 0 < v < 2_958_466:  # Excel's dates end on 9999-12-31
            raise ValueError(v)
        return EXCEL_EPOCH + dt.timedelta(days=int(v))
    text = str(v).strip()
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(v)


# a department's template: one sheet of its tasks and the hidden meta sheet; a few KB. Read with the
# streaming reader (package.xlsxread) within these bounds, checked before and while parsing.
TEMPLATE_LIMITS = xlsxread.Limits(max_uncompressed=16 * xlsxread.MB, max_part=8 * xlsxread.MB, max_parts=60,
                                  max_sheets=8, max_rows=FIRST_ROW + 20_000, max_cols=64, max_cells=400_000,
                                  max_cell_chars=8_000)


def _open(data: bytes, filename: str, info: RoundInfo) -> list[tuple[int, list[tuple[Any, str]]]]:
    """The rows of the 填报 sheet (numbered, sparse), after the meta sheet named this round and department."""
    from lxml.etree import XMLSyntaxError

    not_excel = _("%(file)s is not an Excel workbook (.xlsx).") % {"file": filename}
    try:
        sheets = dict(xlsxread.iter_sheets(io.BytesIO(data), TEMPLATE_LIMITS, max_col=len(COLUMNS)))
    except xlsxread.TooLarge as exc:
        raise TemplateError(_("%(file)s is not the reporting template: %(why)s") % {"file": filename, "why": exc}
                            ) from exc
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, IndexError, XMLSyntaxError, ParseError) as exc:
        raise TemplateError(not_excel) from exc
    if SHEET not in sheets:
        raise TemplateError(
            _("%(file)s has no sheet named %(sheet)s: download the reporting template and fill that in.")
            % {"file": filename, "sheet": SHEET}
        )
    if META_SHEET in sheets:
        meta = {n: cells for n, cells in sheets[META_SHEET]}

        def b(row: int) -> Any:
            cells = meta.get(row, [])
            return cells[1][0] if len(cells) > 1 else None

        if b(1) != FORMAT_VERSION:
            raise TemplateError(_("%(file)s is not a planwatch reporting template.") % {"file": filename})
        if _cell_text(b(2)) != str(info.round_id) or b(3) != info.department_code:
            raise TemplateError(
                _("%(file)s is the template of another round or department: download the template of "
                  "%(dept)s for %(round)s.") % {"file": filename, "dept": info.department_name, "round": info.label}
            )
    return sheets[SHEET]


def parse_upload(
    data: bytes,
    info: RoundInfo,
    tasks: Mapping[int, TemplateTask],
    secret: str,
    filename: str = "upload.xlsx",
) -> UploadResult:
    """Read a filled-in template. ``tasks`` are the department's tasks by id (what the user may report).

    Every row is checked; errors name the cell (``H7``), the field and why. Rows with neither a value
    nor a note are blank (nothing reported). Raises :class:`TemplateError` for a file that is not the
    template at all.
    """
    rows = _open(data, filename, info)
    result = UploadResult()
    seen: dict[int, int] = {}
    letter = {name: get_column_letter(i) for name, i in COL.items()}

    for r, cells in rows:
        if r < FIRST_ROW:
            continue
        raw = dict(zip(COL, (value for value, _fmt in cells), strict=False))
        code = _cell_text(raw.get("code"))
        token = _cell_text(raw.get("token"))
        value_raw, note = raw.get("value"), _cell_text(raw.get("note"))
        account = _cell_text(raw.get("account"))
        if not code and not token and value_raw in (None, "") and not note and not account:
            continue  # an empty line

        def err(field_name: str, message: str, row: int = r) -> None:
            result.errors.append(CellError(row, letter[field_name], field_name, message))

        if value_raw in (None, "") and not note and not account:
            result.blank += 1
            continue
        task_id = _check_token(secret, token, info.round_id)
        task = tasks.get(task_id) if task_id is not None else None
        if task is None or task.code != code:
            err("code", _("This row is not a task of %(dept)s in round %(round)s: rows must not be added, "
                          "copied or edited in the locked columns.")
                % {"dept": info.department_name, "round": info.label})
            continue
        if task.task_id in seen:
            err("code", _("Task %(code)s appears twice (rows %(first)s and %(row)s).")
                % {"code": code, "first": seen[task.task_id], "row": r})
            continue
        seen[task.task_id] = r

        ok = True
        value: Decimal | None = None
        if value_raw in (None, ""):
            err("value", _("A note without a cumulative value: fill in the value."))
            ok = False
        else:
            try:
                value = parse_decimal(value_raw)
            except ValueError:
                err("value", _("“%(text)s” is not a number.") % {"text": _cell_text(value_raw)})
                ok = False
            else:
                if value < 0:
                    err("value", _("The cumulative value cannot be negative."))
                    ok = False
                elif task.last_value is not None and value < task.last_value:
                    err("value", _("The cumulative value %(value)s is below the last approved %(last)s: "
                                   "cumulative figures cannot go down.")
                        % {"value": f"{value:f}", "last": f"{task.last_value:f}"})
                    ok = False

        as_of: dt.date | None = None
        as_of_raw = raw.get("as_of")
        if as_of_raw in (None, ""):
            err("as_of", _("The date (as of) is missing."))
            ok = False
        else:
            try:
                as_of = parse_date(as_of_raw)
            except ValueError:
                err("as_of", _("“%(text)s” is not a date (write 2021-06-30).") % {"text": _cell_text(as_of_raw)})
                ok = False
            else:
                if not info.starts <= as_of <= info.ends:
                    err("as_of", _("%(date)s is outside the round (%(start)s to %(end)s).")
                        % {"date": as_of.isoformat(), "start": info.starts.isoformat(),
                           "end": info.ends.isoformat()})
                    ok = False
        if ok and value is not None and as_of is not None:
            result.rows.append(ParsedRow(r, task.task_id, task.code, as_of, value, note, account))
    return result
