"""What a tanda terima titipan (intake) or retur note says, as plain data, and
the wording both the PDF and the thermal slip print from it.

A document is made with one UMKM (vendor): ``intake`` numbers ``TT-2026-000001``,
``return`` (retur: goods handed back) numbers ``RT-2026-000001``, each counted
gaplessly per year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from babel.dates import format_date

from nttmart_pos.domain.money import format_number, round_half_up_div
from nttmart_pos.i18n import translate_to

INTAKE = "intake"
RETURN = "return"
DOCUMENT_KINDS = (INTAKE, RETURN)
DOCUMENT_PREFIXES = {INTAKE: "TT", RETURN: "RT"}
GRAMS_PER_KG = 1000


def document_number(kind: str, year: int, number: int) -> str:
    """``intake``, 2026, 1 -> ``TT-2026-000001``."""
    return f"{DOCUMENT_PREFIXES[kind]}-{year:04d}-{number:06d}"


def counter_name(kind: str, year: int) -> str:
    """The gapless counter of one kind of document in one year: ``intake:2026``."""
    return f"{kind}:{year:04d}"


def line_value(quantity: int, unit_value: int, measure: str) -> int:
    """Quantity times unit value; weighed goods count grams against a price per kg."""
    if measure == "weight":
        return round_half_up_div(quantity * unit_value, GRAMS_PER_KG)
    return quantity * unit_value


@dataclass(frozen=True)
class DocumentLineView:
    line_no: int
    barcode: str
    name: str
    quantity: int  # pieces, or grams when ``measure`` is "weight"
    unit_value: int  # harga setor, else the price (per kg for weighed goods), at the time
    value: int
    measure: str = "unit"
    reason: str = ""  # retur only: one of db.inventory_models.RETURN_REASONS
    expires_on: date | None = None  # intake only: best-before of the batch


@dataclass(frozen=True)
class DocumentView:
    """One stock document with everything printed on it except the store's own details."""

    doc_no: str
    kind: str
    created_at: datetime  # local time
    vendor_code: str
    vendor_name: str
    vendor_owner: str
    vendor_phone: str
    vendor_regency: str
    user_name: str
    value_basis: str  # "harga_setor" or "price": what unit_value means on this document
    lines: tuple[DocumentLineView, ...]
    total_value: int
    notes: str = ""

    @property
    def total_pieces(self) -> int:
        return sum(line.quantity for line in self.lines if line.measure != "weight")

    @property
    def total_grams(self) -> int:
        return sum(line.quantity for line in self.lines if line.measure == "weight")

    @property
    def total_quantity(self) -> int:
        """Pieces plus grams: only meaningful when the document has no weighed goods."""
        return sum(line.quantity for line in self.lines)


def weight_text(grams: int) -> str:
    """1500 -> ``1,500 kg``: the decimal comma, as on the receipt, whatever the language."""
    kilos, rest = divmod(abs(grams), GRAMS_PER_KG)
    return f"{'-' if grams < 0 else ''}{format_number(kilos)},{rest:03d} kg"


def measured_text(quantity: int, measure: str) -> str:
    """A stock quantity as people read it: ``12`` pieces or ``1,500 kg``."""
    return weight_text(quantity) if measure == "weight" else format_number(quantity)


def quantity_text(line: DocumentLineView) -> str:
    return measured_text(line.quantity, line.measure)


def total_quantity_text(view: DocumentView) -> str:
    """``12``, ``1,500 kg`` or ``12 + 1,500 kg`` when pieces and weighed goods are mixed."""
    pieces, grams = view.total_pieces, view.total_grams
    if not grams:
        return format_number(pieces)
    return f"{format_number(pieces)} + {weight_text(grams)}" if pieces else weight_text(grams)


def reason_label(reason: str, language: str) -> str:
    """The printed name of a retur reason code."""
    labels = {
        "unsold": translate_to(language, "tidak laku"),
        "expired": translate_to(language, "kedaluwarsa"),
        "damaged": translate_to(language, "rusak"),
        "other": translate_to(language, "lainnya"),
    }
    return labels.get(reason, reason)


def document_title(kind: str, language: str) -> str:
    if kind == INTAKE:
        return translate_to(language, "TANDA TERIMA BARANG TITIPAN")
    return translate_to(language, "NOTA RETUR BARANG")


def value_label(basis: str, language: str) -> str:
    """Column heading of the unit value: harga setor or the selling price."""
    if basis == "harga_setor":
        return translate_to(language, "Harga setor")
    return translate_to(language, "Harga")


def long_date(day: date | datetime, language: str) -> str:
    """``28 November 2026`` in the store language."""
    locale = "en" if language == "en" else "id_ID"
    return format_date(day.date() if isinstance(day, datetime) else day, "d MMMM y", locale=locale)


def short_date(day: date) -> str:
    return day.strftime("%d-%m-%Y")


@dataclass(frozen=True)
class Signatory:
    caption: str  # "Yang menyerahkan (UMKM)"
    name: str


def signatories(view: DocumentView, store_name: str, language: str) -> tuple[Signatory, Signatory]:
    """Who hands the goods over (left) and who takes them (right).

    At intake the UMKM hands over and the store receives; a retur is the
    other way round.
    """
    vendor_name = view.vendor_owner.strip() or view.vendor_name
    vendor_gives = Signatory(translate_to(language, "Yang menyerahkan (UMKM)"), vendor_name)
    store_takes = Signatory(translate_to(language, "Yang menerima ({store})", store=store_name), view.user_name)
    if view.kind == INTAKE:
        return vendor_gives, store_takes
    return (Signatory(translate_to(language, "Yang menyerahkan ({store})", store=store_name), view.user_name),
            Signatory(translate_to(language, "Yang menerima (UMKM)"), vendor_name))
