"""Reading an import file into checked rows: columns, cell by cell parsing, row-numbered errors.

Nothing here touches the database; ``services.imports`` matches the rows with
what is stored and writes them.  Row numbers are the ones a spreadsheet shows
(the header is row 1, the first data row is row 2).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from nttmart_pos.domain import catalog_rules as rules
from nttmart_pos.domain.certificates import KINDS, parse_certificate
from nttmart_pos.domain.money import format_number, parse_rupiah
from nttmart_pos.errors import PosError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.reports.tabular import open_table, shown

VENDOR_COLUMNS = ("code", "name", "owner", "phone", "regency", "commission_pct", "payout_method", "payout_account")
VENDOR_REQUIRED = ("code", "name")
PRODUCT_COLUMNS = ("barcode", "name", "category", "vendor_code", "price", "harga_setor", "commission_pct", "unit",
                   "stock", "pirt", "bpom", "halal", "sni")
PRODUCT_REQUIRED = ("barcode", "name", "vendor_code", "price")
MAX_CELL = 1000
_MAX_STOCK = 10**9
_COUNT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+")
_PERCENT = re.compile(r"(\d{1,3})\s*%?")
# What Excel writes into a CSV for a long number shown in a "General" column: the digits are gone.
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:[.,]\d+)?[eE][+-]?\d+")
_PAYOUT_ALIASES = {"tunai": "cash", "e-wallet": "ewallet", "bank": "transfer"}


@dataclass(frozen=True)
class RowError:
    """Why one row (or, with ``column``, one cell) of an import file cannot be used."""

    row: int | None
    column: str | None
    reason: str

    def __str__(self) -> str:
        if self.row is None:
            return self.reason
        if self.column is None:
            return _("baris {row}: {reason}", row=self.row, reason=self.reason)
        return _("baris {row}: {column}: {reason}", row=self.row, column=self.column, reason=self.reason)


@dataclass(frozen=True)
class ParsedRow:
    """A data row whose cells all parsed; ``values`` holds only the columns the file has."""

    row: int
    values: dict[str, object]


@dataclass(frozen=True)
class ParsedFile:
    """The good rows, every error, and the cells that did parse in bad rows (to find duplicates there too)."""

    columns: tuple[str, ...]
    rows: list[ParsedRow]
    errors: list[RowError]
    partial: list[ParsedRow] = field(default_factory=list)


def read_vendor_rows(path: Path) -> ParsedFile:
    return _read(path, VENDOR_COLUMNS, VENDOR_REQUIRED, VENDOR_PARSERS, lambda row, values: [])


def read_product_rows(path: Path) -> ParsedFile:
    return _read(path, PRODUCT_COLUMNS, PRODUCT_REQUIRED, PRODUCT_PARSERS, _product_row_errors)


def _read(path: Path, known: tuple[str, ...], required: tuple[str, ...],
          parsers: dict[str, Callable[[str], object]],
          row_check: Callable[[int, dict[str, object]], list[RowError]]) -> ParsedFile:
    rows: list[ParsedRow] = []
    errors: list[RowError] = []
    partial: list[ParsedRow] = []
    with open_table(path) as table:
        index, header_errors = header_columns(table.header, table.header_row, known, required)
        if header_errors:
            return ParsedFile((), [], header_errors)
        used = set(index.values())
        for sheet_row in table.rows:
            number = sheet_row.number
            if sheet_row.problem:
                errors.append(RowError(number, None, sheet_row.problem))
                continue
            cells = sheet_row.cells
            if any(cell.strip() for position, cell in enumerate(cells) if position not in used):
                errors.append(RowError(number, None, _("ada isian di luar kolom yang berjudul")))
                continue
            values: dict[str, object] = {}
            row_errors = []
            for column, position in index.items():
                text = cells[position].strip() if position < len(cells) else ""
                if len(text) > MAX_CELL:
                    row_errors.append(RowError(number, column, _("isian lebih dari {max} karakter", max=MAX_CELL)))
                    continue
                try:
                    values[column] = parsers[column](text)
                except PosError as exc:
                    row_errors.append(RowError(number, column, str(exc)))
            if not row_errors:
                row_errors = row_check(number, values)
            if row_errors:
                errors.extend(row_errors)
                partial.append(ParsedRow(number, values))
            else:
                rows.append(ParsedRow(number, values))
    return ParsedFile(tuple(index), rows, errors, partial)


def header_columns(header: tuple[str, ...], header_row: int, known: tuple[str, ...],
                   required: tuple[str, ...]) -> tuple[dict[str, int], list[RowError]]:
    """Which cell holds which column; names in any case, surrounding spaces ignored, blank titles skipped."""
    index: dict[str, int] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    for position, title in enumerate(header):
        name = title.strip().lower()
        if not name:
            continue
        if name not in known:
            unknown.append(shown(title.strip()))
        elif name in index:
            repeated.append(name)
        else:
            index[name] = position
    errors = []
    if unknown:
        errors.append(RowError(header_row, None, _("kolom tidak dikenal: {names} (kolom yang dikenal: {known})",
                                                   names=", ".join(unknown), known=",".join(known))))
    if repeated:
        errors.append(RowError(header_row, None, _("kolom ganda: {names}", names=", ".join(repeated))))
    missing = [name for name in required if name not in index]
    if missing:
        errors.append(RowError(header_row, None, _("kolom wajib tidak ada: {names}", names=", ".join(missing))))
    return index, errors


# -- cells -----------------------------------------------------------------

def _optional_money(text: str) -> int | None:
    return parse_rupiah(text) if text else None


def _required_money(text: str) -> int:
    if not text:
        raise ValidationError(_("harga wajib diisi"))
    return parse_rupiah(text)


def _percent(text: str) -> int | None:
    if not text:
        return None
    match = _PERCENT.fullmatch(text)
    if not match:
        raise ValidationError(_("persen komisi harus bilangan bulat 0 sampai 100: {value}", value=shown(text)))
    return rules.check_percent(int(match.group(1)), required=False)


def _stock(text: str) -> int | None:
    if not text:
        return None
    if not _COUNT.fullmatch(text) or int(text.replace(".", "")) >= _MAX_STOCK:
        raise ValidationError(_("stok harus bilangan bulat 0 atau lebih: {value}", value=shown(text)))
    return int(text.replace(".", ""))


def _barcode(text: str) -> str | None:
    if _SCIENTIFIC.fullmatch(text):
        raise ValidationError(_("barcode {value} tertulis sebagai angka ilmiah, angka aslinya sudah hilang; "
                                "format kolom barcode sebagai Teks di Excel lalu isi ulang barcodenya",
                                value=shown(text)))
    return text or None


def _payout_method(text: str) -> str:
    method = text.lower()
    method = _PAYOUT_ALIASES.get(method, method) or "cash"
    if method not in rules.PAYOUT_METHODS:
        raise ValidationError(_("cara pembayaran harus transfer, cash atau ewallet: {value}", value=shown(text)))
    return method


def _regency(text: str) -> str:
    return rules.check_regency(text) if text else ""


def _vendor_code_reference(text: str) -> str:
    if not text:
        raise ValidationError(_("kode UMKM wajib diisi"))
    return text.upper()


def _certificate(kind: str) -> Callable[[str], str | None]:
    return lambda text: parse_certificate(kind, text) if text else None


VENDOR_PARSERS: dict[str, Callable[[str], object]] = {
    "code": rules.check_vendor_code,
    # Labels are translated when a cell is read, not when the module is imported.
    "name": lambda text: rules.clean_text(text, _("Nama UMKM"), rules.MAX_VENDOR_NAME, required=True),
    "owner": lambda text: rules.clean_text(text, _("Nama pemilik"), rules.MAX_OWNER),
    "phone": rules.check_phone,
    "regency": _regency,
    "commission_pct": _percent,
    "payout_method": _payout_method,
    "payout_account": lambda text: rules.clean_text(text, _("Rekening pembayaran"), rules.MAX_ACCOUNT),
}

PRODUCT_PARSERS: dict[str, Callable[[str], object]] = {
    "barcode": _barcode,
    "name": lambda text: rules.clean_text(text, _("Nama barang"), rules.MAX_PRODUCT_NAME, required=True),
    "category": lambda text: rules.clean_text(text, _("Kategori"), rules.MAX_CATEGORY),
    "vendor_code": _vendor_code_reference,
    "price": _required_money,
    "harga_setor": _optional_money,
    "commission_pct": _percent,
    "unit": lambda text: rules.clean_text(text, _("Satuan"), rules.MAX_UNIT) or "pcs",
    "stock": _stock,
    **{kind: _certificate(kind) for kind in KINDS},
}


def _product_row_errors(row: int, values: dict[str, object]) -> list[RowError]:
    price, harga_setor = values.get("price"), values.get("harga_setor")
    if isinstance(price, int) and isinstance(harga_setor, int) and harga_setor > price:
        return [RowError(row, "harga_setor", _("harga setor {setor} lebih tinggi dari harga jual {price}",
                                               setor=format_number(harga_setor), price=format_number(price)))]
    return []
