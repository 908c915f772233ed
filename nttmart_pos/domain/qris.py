"""QRIS (EMVCo Merchant-Presented Mode): check a merchant's code and add an amount.

A QRIS payload is ``TAG(2 digits) LEN(2 digits) VALUE`` repeated and ends with
tag ``63``, a CRC-16/CCITT-FALSE over everything before its value.  The store
prints the merchant's static QRIS with the sale total in it (tag ``01`` = ``12``,
tag ``54`` = amount); that is always done on the parsed fields, never by string
replacement, since a merchant name or PAN may contain ``010211`` or ``5802ID``.
"""

from __future__ import annotations

from nttmart_pos.errors import QrisError
from nttmart_pos.i18n import _

Field = tuple[str, str]

_DIGITS = frozenset("0123456789")
_HEX = frozenset("0123456789ABCDEF")
_MAX_AMOUNT_DIGITS = 13  # EMVCo: tag 54 holds at most 13 characters
MAX_AMOUNT = 10**_MAX_AMOUNT_DIGITS - 1


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte << 8
        for _bit in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
        table.append(crc & 0xFFFF)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16_ccitt_false(data: bytes | str) -> str:
    """CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) as 4 upper-case hex digits."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    crc = 0xFFFF
    for byte in bytes(data):
        crc = ((crc << 8) & 0xFFFF) ^ _CRC_TABLE[(crc >> 8) ^ byte]
    return f"{crc:04X}"


def _as_text(payload: object) -> str:
    if isinstance(payload, (bytes, bytearray)):
        try:
            return bytes(payload).decode("ascii")
        except UnicodeDecodeError:
            raise QrisError(_("QRIS memuat karakter yang tidak sah")) from None
    if not isinstance(payload, str):
        raise QrisError(_("Data QRIS tidak valid"))
    return payload


def parse_tlv(payload: str | bytes) -> list[Field]:
    """Split a payload into ``(tag, value)`` pairs, refusing anything malformed.

    Only printable ASCII is accepted (the EMVCo character set); a tag and a
    length must be exactly two digits and the value must be all there.
    """
    text = _as_text(payload)
    if not text:
        raise QrisError(_("Data QRIS kosong"))
    for position, char in enumerate(text, start=1):
        if not " " <= char <= "~":
            raise QrisError(_("QRIS memuat karakter yang tidak sah pada posisi {pos}", pos=position))
    fields: list[Field] = []
    pos = 0
    while pos < len(text):
        header = text[pos : pos + 4]
        if len(header) < 4:
            raise QrisError(_("Data QRIS terpotong pada posisi {pos}", pos=pos + 1))
        tag, length = header[:2], header[2:]
        if not (set(tag) <= _DIGITS and set(length) <= _DIGITS):
            raise QrisError(_("Format QRIS rusak pada posisi {pos}", pos=pos + 1))
        size = int(length)
        if size == 0:
            raise QrisError(_("Data QRIS tag {tag} kosong", tag=tag))
        value = text[pos + 4 : pos + 4 + size]
        if len(value) < size:
            raise QrisError(_("Data QRIS terpotong pada tag {tag}", tag=tag))
        fields.append((tag, value))
        pos += 4 + size
    return fields


def serialize_tlv(fields: list[Field]) -> str:
    """Join ``(tag, value)`` pairs back into ``TAG LEN VALUE`` text."""
    return "".join(f"{tag}{len(value):02d}{value}" for tag, value in fields)


def _parse_amount(value: str) -> int:
    """Tag 54 as whole Rupiah; ``25000`` (or ``25000.00``) -> ``25000``."""
    whole, dot, fraction = value.partition(".")
    if (
        not whole
        or not set(whole) <= _DIGITS
        or (dot and (not fraction or set(fraction) != {"0"}))
        or int(whole) < 1
    ):
        raise QrisError(_("Nominal QRIS tidak valid: {value}", value=value))
    return int(whole)


def validate_qris(payload: str | bytes) -> list[Field]:
    """Return the fields of a well-formed, CRC-correct Rupiah QRIS, else raise ``QrisError``.

    Whitespace around the payload (a scanner's Enter key) is ignored.
    """
    text = _as_text(payload).strip()
    fields = parse_tlv(text)
    tags = [tag for tag, _value in fields]
    for tag in tags:
        if tags.count(tag) > 1:
            raise QrisError(_("Tag QRIS {tag} muncul lebih dari sekali", tag=tag))
    if fields[0] != ("00", "01"):
        raise QrisError(_("QRIS harus diawali format 000201"))
    last_tag, crc = fields[-1]
    if last_tag != "63":
        raise QrisError(_("QRIS tidak diakhiri CRC (tag 63)"))
    if len(crc) != 4 or not set(crc.upper()) <= _HEX:
        raise QrisError(_("CRC QRIS tidak valid: {crc}", crc=crc))
    if crc.upper() != crc16_ccitt_false(text[:-4]):
        raise QrisError(_("CRC QRIS tidak cocok"))
    values = dict(fields)
    if values.get("01", "11") not in ("11", "12"):
        raise QrisError(_("Jenis QRIS tidak dikenal (tag 01 harus 11 atau 12)"))
    if values.get("53") != "360":
        raise QrisError(_("Mata uang QRIS bukan Rupiah (360)"))
    if "58" in values and values["58"] != "ID":
        raise QrisError(_("Negara QRIS bukan Indonesia (ID)"))
    if "54" in values:
        _parse_amount(values["54"])
    return fields


def _check_amount(amount: object) -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise QrisError(_("Nominal QRIS harus bilangan bulat Rupiah: {value}", value=amount))
    if amount < 1:
        raise QrisError(_("Nominal QRIS minimal Rp1: {value}", value=amount))
    if amount > MAX_AMOUNT:
        raise QrisError(_("Nominal QRIS terlalu besar: {value}", value=amount))
    return amount


def make_dynamic(static_payload: str, amount: int) -> str:
    """The merchant's QRIS with ``amount`` Rupiah in it (tag 01 = 12, tag 54 set, new CRC).

    Works on a static or an already-dynamic payload; an existing amount is
    replaced.  Tag 54 goes right after the currency (53), tag 01 right after 00.
    """
    amount = _check_amount(amount)
    fields = validate_qris(static_payload)[:-1]  # drop the old CRC
    tags = [tag for tag, _value in fields]
    if "01" in tags:
        fields[tags.index("01")] = ("01", "12")
    else:
        fields.insert(1, ("01", "12"))
    fields = [field for field in fields if field[0] != "54"]
    currency_at = [tag for tag, _value in fields].index("53")
    fields.insert(currency_at + 1, ("54", str(amount)))
    body = serialize_tlv(fields) + "6304"
    return body + crc16_ccitt_false(body)


def amount_of(payload: str | bytes) -> int | None:
    """The amount in Rupiah of a valid QRIS, or ``None`` if it has none (static)."""
    values = dict(validate_qris(payload))
    return _parse_amount(values["54"]) if "54" in values else None


def merchant_name(payload: str | bytes) -> str:
    """The merchant name (tag 59) of a valid QRIS."""
    values = dict(validate_qris(payload))
    if "59" not in values:
        raise QrisError(_("QRIS tidak memuat nama merchant"))
    return values["59"]
