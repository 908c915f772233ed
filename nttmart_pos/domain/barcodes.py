"""GS1 barcodes (EAN-13, EAN-8, UPC-A): check digits, in-store codes, scale labels.

Printing libraries disagree on what to do with a wrong check digit, so every
code is validated here before it is stored or printed.  In-store EAN-13 codes
(prefix ``2``) follow this convention:

- ``20`` + 10 digits + check: fixed in-store codes the program assigns to
  products without a barcode (UMKM goods), see ``instore_code``;
- ``21 IIIII WWWWW C``: a scale label with the weight in grams, looked up by
  its first 7 digits ``21IIIII`` (Odoo's ``2112345015002`` is 1.500 g);
- ``22 IIIII PPPPP C``: a scale label with the price in Rupiah, looked up by
  its first 7 digits ``22IIIII``;
- any other ``2x`` code is a plain in-store code, looked up as it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from nttmart_pos.errors import BarcodeError
from nttmart_pos.i18n import _

_DIGITS = frozenset("0123456789")
_GS1_LENGTHS = (8, 12, 13)  # EAN-8, UPC-A, EAN-13
_SHOWN_CHARS = 30
_INSTORE_NUMBER_DIGITS = 10

KIND_PLAIN = "plain"
KIND_WEIGHT = "weight"
KIND_PRICE = "price"


@dataclass(frozen=True)
class ScannedCode:
    """A validated scan: what to look up and what a scale label says."""

    code: str
    kind: str  # "plain", "weight" or "price"
    lookup_code: str
    grams: int | None = None
    price: int | None = None


def _shown(text: str) -> str:
    """``text`` made safe for a one-line message: escapes, at most ~30 characters."""
    safe = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text[: _SHOWN_CHARS + 1])
    return safe if len(safe) <= _SHOWN_CHARS else safe[:_SHOWN_CHARS] + "..."


def gs1_check_digit(body: str) -> str:
    """The GS1 check digit of ``body`` (the code without its last digit)."""
    if not isinstance(body, str) or not body or not set(body) <= _DIGITS:
        raise BarcodeError(_("Barcode hanya boleh berisi angka: {code}", code=_shown(str(body))))
    reverse = body[::-1]  # weights 3, 1, 3, … from the right
    total = 3 * sum(map(int, reverse[0::2])) + sum(map(int, reverse[1::2]))
    return str(-total % 10)


def validate_barcode(text: str) -> str:
    """Return the scanned or typed code without surrounding whitespace, if it is a valid GS1 code.

    Accepts only digits, 8 (EAN-8), 12 (UPC-A) or 13 (EAN-13) of them, with a
    correct check digit; raises ``BarcodeError`` otherwise.
    """
    if not isinstance(text, str):
        raise BarcodeError(_("Barcode tidak valid"))
    code = text.strip()
    if code.isascii() and code.isdigit() and len(code) in _GS1_LENGTHS:  # the scanner's case: check digit only
        if code[-1] != gs1_check_digit(code[:-1]):
            raise BarcodeError(_("Digit pemeriksa barcode salah: {code} (seharusnya {expected})", code=code,
                                 expected=gs1_check_digit(code[:-1])))
        return code
    if not code:
        raise BarcodeError(_("Barcode kosong"))
    if any(not ch.isprintable() for ch in code):
        raise BarcodeError(_("Barcode memuat karakter kontrol: {code}", code=_shown(code)))
    if not set(code) <= _DIGITS:
        raise BarcodeError(_("Barcode hanya boleh berisi angka: {code}", code=_shown(code)))
    if len(code) not in _GS1_LENGTHS:
        raise BarcodeError(
            _("Panjang barcode salah ({length} digit, harus 8, 12 atau 13): {code}", length=len(code), code=_shown(code))
        )
    expected = gs1_check_digit(code[:-1])
    if code[-1] != expected:
        raise BarcodeError(
            _("Digit pemeriksa barcode salah: {code} (seharusnya {expected})", code=code, expected=expected)
        )
    return code


def is_instore(code: str) -> bool:
    """True for a valid EAN-13 in the in-store range (prefix ``2``); never raises."""
    try:
        code = validate_barcode(code)
    except BarcodeError:
        return False
    return len(code) == 13 and code.startswith("2")


def instore_code(number: int) -> str:
    """The fixed in-store EAN-13 for product ``number``: ``20`` + 10 digits + check digit."""
    if isinstance(number, bool) or not isinstance(number, int):
        raise BarcodeError(_("Nomor kode toko harus bilangan bulat: {number}", number=number))
    if not 0 <= number < 10**_INSTORE_NUMBER_DIGITS:
        raise BarcodeError(_("Nomor kode toko di luar rentang 0 sampai 9999999999: {number}", number=number))
    body = f"20{number:0{_INSTORE_NUMBER_DIGITS}d}"
    return body + gs1_check_digit(body)


def decode_scan(text: str) -> ScannedCode:
    """Validate a scan and read a scale label's weight (``21``) or price (``22``) out of it."""
    code = validate_barcode(text)
    if len(code) == 13 and code[:2] in ("21", "22"):
        lookup_code, measure = code[:7], int(code[7:12])
        if code.startswith("21"):
            if measure == 0:
                raise BarcodeError(_("Berat pada label timbangan nol: {code}", code=code))
            return ScannedCode(code, KIND_WEIGHT, lookup_code, grams=measure)
        if measure == 0:
            raise BarcodeError(_("Harga pada label timbangan nol: {code}", code=code))
        return ScannedCode(code, KIND_PRICE, lookup_code, price=measure)
    return ScannedCode(code, KIND_PLAIN, code)


def equivalent_codes(code: str) -> tuple[str, ...]:
    """The forms one product's code may be scanned in: a UPC-A is also read as ``0`` + 12 digits."""
    if len(code) == 12:
        return (code, "0" + code)
    if len(code) == 13 and code.startswith("0"):
        return (code, code[1:])
    return (code,)
