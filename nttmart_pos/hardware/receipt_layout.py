"""Customer receipt (struk) as plain ASCII text lines for a thermal printer.

``layout_receipt(data, 32)`` gives the lines of a 58 mm receipt, ``48`` those
of an 80 mm one.  Every line is pure ASCII (cheap printers boot in CP437 or a
Chinese mode) and at most ``columns`` characters long.  The labels follow the
store language in ``data.language``; amounts use ``12.500`` in the columns and
``Rp12.500`` for the total.  ``styled_lines`` gives the same lines tagged with
a style so that the ESC/POS renderer can print the store name and total bold.
"""

from __future__ import annotations

import unicodedata

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.receipt import ReceiptData, ReceiptLine, ReceiptPayment
from nttmart_pos.i18n import translate_to

MIN_COLUMNS = 16

# Line styles, for the renderer.
TITLE = "title"
BANNER = "banner"
TOTAL = "total"
TEXT = "text"

# Characters NFKD does not reduce to ASCII but that have an obvious spelling.
_SPECIAL = {
    "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
    "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ł": "l", "Ł": "L", "þ": "th",
    "Þ": "Th", "ı": "i", "‘": "'", "’": "'", "‚": ",", "‛": "'", "“": '"',
    "”": '"', "„": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    "―": "-", "−": "-", "×": "x", "÷": "/", "⁄": "/", "•": "*", "·": ".",
    "«": '"', "»": '"', "‹": "<", "›": ">", "€": "EUR", "¢": "c", "£": "GBP",
}

_PAYMENT_NAMES = {
    "cash": "Tunai",
    "qris": "QRIS",
    "card": "Kartu Debit/Kredit",
    "transfer": "Transfer Bank",
}


def to_ascii(text: str) -> str:
    """Transliterate ``text`` to printable ASCII: ``é`` -> ``e``, ``’`` -> ``'``.

    Newlines are kept, other whitespace becomes a space, and whatever has no
    ASCII spelling (emoji, CJK, control characters) is dropped.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", str(text)):
        if ch == "\n" or " " <= ch <= "~":
            out.append(ch)
        elif ch in _SPECIAL:
            out.append(_SPECIAL[ch])
        elif ch.isspace():
            out.append(" ")
    return "".join(out)


def one_line(text: str) -> str:
    """``to_ascii`` with every run of whitespace (newlines too) made one space."""
    return " ".join(to_ascii(text).split())


def wrap_words(text: str, width: int) -> list[str]:
    """Wrap ``text`` at spaces into lines of at most ``width`` characters.

    A word is cut only if it alone is longer than ``width``; it then starts on
    a fresh line and is cut into ``width``-sized pieces.
    """
    lines: list[str] = []
    current = ""
    for word in text.split():
        if len(word) > width:
            if current:
                lines.append(current)
            while len(word) > width:
                lines.append(word[:width])
                word = word[width:]
            current = word
        elif not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current += " " + word
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines


def center(text: str, width: int) -> list[str]:
    """``text`` wrapped to ``width`` and each line centred."""
    return [" " * ((width - len(line)) // 2) + line for line in wrap_words(text, width)]


def indented(text: str, width: int, indent: int) -> list[str]:
    """``text`` wrapped to fit after ``indent`` spaces."""
    return [" " * indent + line for line in wrap_words(text, width - indent)]


def row(left: str, right: str, width: int, indent: int = 0) -> list[str]:
    """``left`` flush left (after ``indent`` spaces), ``right`` flush right.

    If both do not fit on one line, ``left`` is wrapped and ``right`` goes on
    its last line when there is room, else on a line of its own.
    """
    right = right[:width]
    lines = indented(left, width, indent)
    if not lines:
        return [right.rjust(width)]
    last = lines[-1]
    if len(last) + 1 + len(right) <= width:
        lines[-1] = last + " " * (width - len(last) - len(right)) + right
    else:
        lines.append(right.rjust(width))
    return lines


def fields(pairs: list[tuple[str, str]], width: int) -> list[str]:
    """``Label : value`` lines with the colons aligned; long values wrap under themselves."""
    pairs = [(label, value) for label, value in pairs if value]
    if not pairs:
        return []
    label_width = max(len(label) for label, _ in pairs)
    prefix_width = label_width + 3
    lines: list[str] = []
    for label, value in pairs:
        if width - prefix_width < 8:
            lines.append(label[:width])
            lines.extend(indented(value, width, 2))
            continue
        wrapped = wrap_words(value, width - prefix_width)
        lines.append(label.ljust(label_width) + " : " + wrapped[0])
        lines.extend(" " * prefix_width + more for more in wrapped[1:])
    return lines


def _item_lines(item: ReceiptLine, t, width: int) -> list[str]:
    lines = wrap_words(one_line(item.name), width) or ["-"]
    # Before the line discount, so the column adds up on paper.
    amount = item.line_total + abs(item.discount)
    quantity = one_line(item.quantity_text) or f"{item.quantity} x {format_number(item.unit_price)}"
    lines += row(quantity, format_number(amount), width, indent=2)
    if item.discount:
        lines += row(t("Diskon"), format_number(-abs(item.discount)), width, indent=2)
    return lines


def _payment_lines(payment: ReceiptPayment, t, width: int) -> list[str]:
    source = _PAYMENT_NAMES.get(payment.method.strip().lower())
    name = t(source) if source else one_line(payment.method) or "-"
    lines = row(name, format_number(payment.amount), width)
    reference = one_line(payment.reference)
    if reference:
        lines += indented(t("Ref: {reference}", reference=reference), width, 2)
    return lines


def _footer_lines(footer: str, width: int) -> list[str]:
    lines: list[str] = []
    for paragraph in to_ascii(footer).split("\n"):
        lines += center(paragraph, width) if paragraph.strip() else [""]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    return lines


def store_header(name: str, address: str, phone: str, width: int, language: str) -> list[tuple[str, str]]:
    """The top of every receipt and slip: the store's name (as a title), address and phone
    centred, then a rule."""
    lines = [(TITLE, line) for line in center(one_line(name), width)]
    lines += [(TEXT, line) for line in center(one_line(address), width)]
    if one_line(phone):
        lines += [(TEXT, line) for line in center(translate_to(language, "Telp. {phone}", phone=one_line(phone)),
                                                   width)]
    return lines + [(TEXT, "-" * width)]


def styled_lines(data: ReceiptData, columns: int) -> list[tuple[str, str]]:
    """The receipt lines, each with its style (``TITLE``, ``BANNER``, ``TOTAL`` or ``TEXT``)."""
    if columns < MIN_COLUMNS:
        raise ValueError(f"receipt needs at least {MIN_COLUMNS} columns, got {columns}")
    width = columns

    def t(text: str, **values: object) -> str:
        return one_line(translate_to(data.language, text, **values))

    out: list[tuple[str, str]] = []

    def add(style: str, lines: list[str]) -> None:
        out.extend((style, line) for line in lines)

    rule = ["-" * width]
    out.extend(store_header(data.store_name, data.store_address, data.store_phone, width, data.language))
    add(TEXT, fields([
        (t("No. Struk"), one_line(data.receipt_no)),
        (t("Tanggal"), data.created_at.strftime("%d-%m-%Y %H:%M")),
        (t("Kasir"), one_line(data.cashier)),
        (t("Terminal"), one_line(data.terminal)),
    ], width))
    if data.is_copy:
        add(TEXT, rule)
        add(BANNER, center(f"*** {t('SALINAN')} ***", width))
    add(TEXT, rule)
    for item in data.lines:
        add(TEXT, _item_lines(item, t, width))
    add(TEXT, rule)
    add(TEXT, row(t("Subtotal"), format_number(data.subtotal), width))
    if data.discount:
        add(TEXT, row(t("Diskon"), format_number(-abs(data.discount)), width))
    for label, amount in data.tax_lines:
        add(TEXT, row(one_line(label), format_number(amount), width))
    add(TOTAL, row(t("TOTAL"), format_rupiah(data.total), width))
    add(TEXT, rule)
    for payment in data.payments:
        add(TEXT, _payment_lines(payment, t, width))
    add(TEXT, row(t("Kembalian"), format_number(data.change), width))
    add(TEXT, rule)
    closing = _footer_lines(data.footer, width) or center(t("Terima kasih atas kunjungan Anda"), width)
    add(TEXT, [""] + closing)
    return out


def layout_receipt(data: ReceiptData, columns: int) -> list[str]:
    """The plain ASCII lines of the customer receipt, each at most ``columns`` long."""
    return [line for _, line in styled_lines(data, columns)]


class Slip:
    """A slip being built as styled lines: the store header first, then ``add(style, lines)``.

    ``store`` is anything with ``store_name``, ``store_address`` and
    ``store_phone`` (the settings); ``t`` translates into the slip's language
    and keeps the result on one line.
    """

    def __init__(self, columns: int, language: str, store) -> None:
        if columns < MIN_COLUMNS:
            raise ValueError(f"slip needs at least {MIN_COLUMNS} columns, got {columns}")
        self.width = columns
        self.language = language
        self.rule = ["-" * columns]
        self.lines: list[tuple[str, str]] = store_header(store.store_name, store.store_address, store.store_phone,
                                                         columns, language)

    def t(self, text: str, **values: object) -> str:
        return one_line(translate_to(self.language, text, **values))

    def add(self, style: str, lines: list[str]) -> None:
        self.lines.extend((style, line) for line in lines)
