"""What a printed receipt says, as plain data (the layout lives in hardware/)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class ReceiptLine:
    name: str
    quantity: int
    unit_price: int
    line_total: int  # after the line discount: quantity x unit_price - discount
    discount: int = 0
    quantity_text: str = ""  # replaces "2 x 85.000" where that would mislead, e.g. "1,250 kg x 210.000"


@dataclass(frozen=True)
class ReceiptPayment:
    method: str  # "cash", "qris", "card", "transfer"
    amount: int
    reference: str = ""


@dataclass(frozen=True)
class ReceiptData:
    """Everything printed on one customer receipt (struk)."""

    store_name: str
    store_address: str
    store_phone: str
    receipt_no: str
    created_at: datetime
    cashier: str
    lines: tuple[ReceiptLine, ...]
    subtotal: int
    discount: int
    total: int
    payments: tuple[ReceiptPayment, ...]
    change: int
    footer: str = ""
    terminal: str = ""
    is_copy: bool = False
    language: str = "id"
    tax_lines: tuple[tuple[str, int], ...] = field(default_factory=tuple)
