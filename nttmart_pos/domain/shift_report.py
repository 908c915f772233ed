"""What an X report (a shift's figures so far) or a Z report (the figures fixed
at closing) says, as plain data; its canonical JSON; and the wording that both
the thermal slip and the PDF print from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date, datetime, timezone

from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.i18n import translate_to

X_REPORT = "X"
Z_REPORT = "Z"
FIGURES_VERSION = 1


def z_number(terminal: str, number: int) -> str:
    """``T01``, 1 -> ``Z-T01-000001``."""
    return f"Z-{terminal}-{number:06d}"


def z_counter(terminal: str) -> str:
    """The gapless counter of a terminal's Z reports: ``z:T01``."""
    return f"z:{terminal}"


@dataclass(frozen=True)
class MethodTotal:
    """Money taken (or given back) by one payment method: number of payments and the amount."""

    method: str
    count: int
    amount: int


@dataclass(frozen=True)
class CashierTotal:
    cashier_id: int
    name: str
    sales: int
    total: int  # what the sales came to, after discounts


@dataclass(frozen=True)
class CashMovementLine:
    kind: str  # "in" or "out"
    amount: int
    reason: str
    created_at: datetime  # UTC
    payout_id: int | None = None


@dataclass(frozen=True)
class ShiftReport:
    """The figures of one shift; ``kind`` is ``X`` (so far) or ``Z`` (closed, numbered, final).

    Times are UTC-aware; printing shows them in local time.  Money is whole
    Rupiah.  ``counts``, ``counted_cash`` and ``variance`` exist on a Z only.
    """

    kind: str
    z_no: str  # "" on an X report
    shift_id: int
    terminal: str
    cashier_id: int
    cashier_name: str
    opened_at: datetime
    closed_at: datetime | None
    generated_at: datetime  # when the X was taken; the closing moment on a Z
    business_date: date  # local date of the opening
    opening_float: int
    sales_count: int
    gross: int  # sum of the sales' subtotals
    discounts: int
    refunds_count: int
    refunds_total: int
    net: int  # gross - discounts - refunds
    payments: tuple[MethodTotal, ...]  # applied amounts: cash is what stayed in the drawer
    refund_methods: tuple[MethodTotal, ...]
    cashiers: tuple[CashierTotal, ...]
    cash_sales: int
    cash_refunds: int
    cash_in: int
    cash_out: int
    expected_cash: int
    first_receipt: str
    last_receipt: str
    movements: tuple[CashMovementLine, ...] = ()
    counts: tuple[tuple[int, int], ...] = ()  # (denomination, pieces), largest first
    counted_cash: int | None = None
    variance: int | None = None  # counted - expected: negative is short (kurang)
    closed_by_name: str = ""
    note: str = ""

    @property
    def is_final(self) -> bool:
        return self.kind == Z_REPORT

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, no spaces, integers for money): what a Z report stores."""
        return json.dumps(_encode(self), sort_keys=True, separators=(",", ":"), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "ShiftReport":
        return _decode(json.loads(text))


_NESTED = {"payments": MethodTotal, "refund_methods": MethodTotal, "cashiers": CashierTotal,
           "movements": CashMovementLine}
_MOMENTS = ("opened_at", "closed_at", "generated_at")


def _moment(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(timezone.utc).isoformat()


def _encode(report: ShiftReport) -> dict:
    out: dict = {"version": FIGURES_VERSION}
    for field in fields(report):
        value = getattr(report, field.name)
        if field.name in _MOMENTS:
            value = _moment(value)
        elif field.name == "business_date":
            value = value.isoformat()
        elif field.name == "counts":
            value = [[denomination, pieces] for denomination, pieces in value]
        elif field.name in _NESTED:
            value = [{f.name: getattr(item, f.name) for f in fields(item)} for item in value]
            if field.name == "movements":
                for item in value:
                    item["created_at"] = _moment(item["created_at"])
        out[field.name] = value
    return out


def _decode(data: dict) -> ShiftReport:
    if data.get("version") != FIGURES_VERSION:
        raise ValueError(f"unknown Z report figures version: {data.get('version')!r}")
    values = {}
    for field in fields(ShiftReport):
        value = data.get(field.name)
        if field.name in _MOMENTS:
            value = None if value is None else datetime.fromisoformat(value)
        elif field.name == "business_date":
            value = date.fromisoformat(value)
        elif field.name == "counts":
            value = tuple((int(d), int(c)) for d, c in value or ())
        elif field.name in _NESTED:
            kind = _NESTED[field.name]
            items = []
            for item in value or ():
                if field.name == "movements":
                    item = {**item, "created_at": datetime.fromisoformat(item["created_at"])}
                items.append(kind(**item))
            value = tuple(items)
        values[field.name] = value
    return ShiftReport(**values)


# Wording shared by the slip and the PDF.

def report_title(report: ShiftReport, language: str) -> str:
    if report.is_final:
        return translate_to(language, "LAPORAN Z")
    return translate_to(language, "LAPORAN X (SEMENTARA)")


def method_label(method: str, language: str) -> str:
    """The printed name of a payment method code."""
    labels = {
        "cash": translate_to(language, "Tunai"),
        "qris": translate_to(language, "QRIS"),
        "card": translate_to(language, "Kartu Debit/Kredit"),
        "transfer": translate_to(language, "Transfer Bank"),
        "ewallet": translate_to(language, "E-wallet"),
        "marketplace": translate_to(language, "Marketplace"),
    }
    return labels.get(method, method)


def variance_word(amount: int, language: str) -> str:
    if amount < 0:
        return translate_to(language, "kurang")
    if amount > 0:
        return translate_to(language, "lebih")
    return translate_to(language, "pas")


def signed_rupiah(amount: int) -> str:
    """``-Rp5.000``, ``+Rp5.000`` or ``Rp0``: a difference that shows its direction."""
    return f"+{format_rupiah(amount)}" if amount > 0 else format_rupiah(amount)


def variance_text(amount: int, language: str) -> str:
    """``SELISIH: -Rp5.000 (kurang)``, ``SELISIH: +Rp5.000 (lebih)`` or ``SELISIH: Rp0 (pas)``."""
    return translate_to(language, "SELISIH: {amount} ({word})", amount=signed_rupiah(amount),
                        word=variance_word(amount, language))


def local_moment(moment: datetime | None) -> str:
    """``28-11-2026 16:05`` in the machine's local time, as on receipts; ``-`` for none."""
    return moment.astimezone().strftime("%d-%m-%Y %H:%M") if moment else "-"


def receipt_range(report: ShiftReport, language: str) -> str:
    """``T01-000001 s/d T01-000012``, or a dash when the shift sold nothing."""
    if not report.first_receipt:
        return "-"
    if report.first_receipt == report.last_receipt:
        return report.first_receipt
    return translate_to(language, "{first} s/d {last}", first=report.first_receipt, last=report.last_receipt)


def movement_label(kind: str, language: str) -> str:
    return translate_to(language, "Kas masuk") if kind == "in" else translate_to(language, "Kas keluar")
