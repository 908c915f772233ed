"""What each journal event says in words: the label of its kind and one short sentence built from its data.

The sentence reads the ``data`` the services journal (``journal_events``,
``checkout``, ``voids``, ``payouts`` ...).  An entry whose data is not what
this module expects still reads as its label and reference, so the audit
screen never breaks on an event written by a newer or older program.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.stock_document import weight_text
from nttmart_pos.errors import PosError
from nttmart_pos.i18n import _

# Untranslated Indonesian labels, shown through _(); the order is the order of the kind filter.
KIND_LABELS: dict[str, str] = {
    "sale": "Penjualan", "refund": "Pengembalian", "z_report": "Laporan Z",
    "void.line": "Batal baris", "void.sale": "Batal transaksi", "discount.override": "Diskon di atas batas",
    "price.override": "Ubah harga di kasir", "drawer.open": "Buka laci", "reprint": "Cetak ulang struk",
    "shift.open": "Buka shift", "cash.in": "Kas masuk", "cash.out": "Kas keluar",
    "payout.draft": "Draf setoran UMKM", "payout.discard": "Draf setoran dibuang",
    "payout.approve": "Setoran UMKM disetujui", "payout.pay": "Setoran UMKM dibayar",
    "stock.intake": "Barang masuk", "stock.return": "Retur ke UMKM", "stock.take_start": "Stok opname dimulai",
    "stock.take": "Stok opname", "stock.take_cancel": "Stok opname dibatalkan", "stock.adjust": "Penyesuaian stok",
    "product.create": "Barang baru", "product.price": "Ubah harga barang", "product.update": "Ubah data barang",
    "product.certificates": "Ubah sertifikat barang", "product.activate": "Barang diaktifkan",
    "product.deactivate": "Barang dinonaktifkan", "vendor.create": "UMKM baru", "vendor.terms": "Ubah syarat UMKM",
    "vendor.update": "Ubah data UMKM", "vendor.activate": "UMKM diaktifkan", "vendor.deactivate": "UMKM dinonaktifkan",
    "settings.change": "Ubah pengaturan", "import.products": "Impor barang", "import.vendors": "Impor UMKM",
    "user.create": "Pengguna baru", "user.role": "Ubah peran pengguna", "user.pin_reset": "Atur ulang PIN",
    "user.deactivate": "Pengguna dinonaktifkan", "user.activate": "Pengguna diaktifkan",
    "user.locked": "Pengguna terkunci", "journal.start": "Jurnal dimulai",
}
KINDS: tuple[str, ...] = tuple(KIND_LABELS)
# Filters by the start of the kind ("void." is void.line and void.sale), offered above the single kinds.
KIND_GROUPS: dict[str, str] = {
    "void.": "Semua pembatalan", "cash.": "Semua kas masuk/keluar", "payout.": "Semua setoran UMKM",
    "stock.": "Semua perubahan stok", "product.": "Semua perubahan barang", "vendor.": "Semua perubahan UMKM",
    "user.": "Semua perubahan pengguna",
}
# Kinds a manager looks at first: money or goods left outside a plain sale, an override, a lock.
WATCH_KINDS = frozenset({"refund", "void.line", "void.sale", "discount.override", "price.override", "drawer.open",
                         "cash.out", "stock.adjust", "user.locked"})
ARROW = "\u2192"


def kind_label(kind: str) -> str:
    """The kind in words (``void.line`` -> "Batal baris"); an unknown kind as it is."""
    if kind in KIND_LABELS:
        return _(KIND_LABELS[kind])
    if kind in KIND_GROUPS:
        return _(KIND_GROUPS[kind])
    return kind


def summary(kind: str, data: dict, ref: str = "") -> str:
    """A short sentence about one event; the label and reference when its data says too little."""
    describe = _DESCRIBE.get(kind)
    if describe is None and kind not in KIND_LABELS:
        return f"{kind} {ref}".strip()
    try:
        return describe(data, ref) if describe is not None else _generic(kind, data, ref)
    except (KeyError, TypeError, ValueError, AttributeError, PosError):
        return f"{kind_label(kind)} {ref}".strip()


def method_label(method: str) -> str:
    labels = {"cash": _("tunai"), "qris": _("QRIS"), "card": _("kartu"), "transfer": _("transfer bank"),
              "ewallet": _("dompet digital"), "marketplace": _("marketplace")}
    return labels.get(method, method)


def role_label(role: Any) -> str:
    labels = {"cashier": _("kasir"), "supervisor": _("supervisor"), "manager": _("manajer"), "admin": _("admin")}
    return labels.get(role, str(role))


# -- pieces ------------------------------------------------------------------------

def _rp(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("an amount is an int")
    return format_rupiah(value)


def _pick(data: dict, *keys: str) -> Any:
    """The first of ``keys`` with a value (not None or empty)."""
    for key in keys:
        value = data.get(key)
        if value is not None and value != "" and value != [] and value != {}:
            return value
    return None


def _reason(text: str, data: dict | None = None, *, reasons: Sequence[Any] = ()) -> str:
    found = [str(r) for r in (*reasons, _pick(data or {}, "reason", "note", "notes")) if r]
    found = list(dict.fromkeys(found))
    return f"{text} - {'; '.join(found)}" if found else text


def _parts(label: str, parts: Sequence[Any]) -> str:
    shown = [str(part) for part in parts if part is not None and part != ""]
    return f"{label}: {', '.join(shown)}" if shown else label


def _change(old: Any, new: Any, show: Callable[[Any], str] = str) -> str | None:
    if new is None:
        return None
    return f"{show(old)} {ARROW} {show(new)}" if old is not None and old != new else show(new)


def _day(text: Any) -> str:
    return date.fromisoformat(str(text)).strftime("%d-%m-%Y")


def _percent(value: Any) -> str:
    """``"7.69"`` or ``15`` as ``7,69%`` / ``15%``."""
    return f"{str(value).replace('.', ',')}%"


def _terms(terms: Any, pct: Any) -> str:
    if terms == "commission":
        return _("komisi {percent}", percent=_percent(pct)) if pct is not None else _("komisi")
    return _("harga setor") if terms == "harga_setor" else str(terms)


def _quantity(item: dict) -> str:
    quantity = item.get("quantity", 1)
    return weight_text(quantity) if item.get("measure") == "weight" else f"x{format_number(quantity)}"


def _lines(data: dict) -> list[dict]:
    return [line for line in data.get("lines") or data.get("items") or [] if isinstance(line, dict)]


# -- one sentence per kind -------------------------------------------------------------

def _sale(data: dict, ref: str) -> str:
    methods = list(dict.fromkeys(payment["method"] for payment in data.get("payments") or []))
    text = _("Penjualan {total}, {count} baris, {methods}", total=_rp(data["total"]),
             count=format_number(len(data.get("lines") or [])),
             methods=" + ".join(method_label(m) for m in methods) or "-")
    if data.get("discount"):
        text += ", " + _("diskon {amount}", amount=_rp(data["discount"]))
    if data.get("channel") not in (None, "", "till"):  # an imported marketplace order
        text += ", " + _("pesanan {channel} {order}", channel=data["channel"],
                         order=data.get("external_order_id") or "").rstrip()
    return _reason(text, reasons=[data.get("discount_reason")])


def _refund(data: dict, ref: str) -> str:
    return _reason(_("Pengembalian {total} ({method})", total=_rp(data["total"]),
                     method=method_label(data.get("method") or "-")), data)


def _void(data: dict, ref: str, whole: bool) -> str:
    items = _lines(data)
    if whole:
        total = data.get("total")
        total = total if total is not None else sum(item.get("amount", 0) for item in items)
        text = _("Batal transaksi: {count} baris, {total}", count=format_number(len(items)), total=_rp(total))
    else:
        shown = "; ".join(f"{_pick(item, 'name', 'barcode') or '-'} {_quantity(item)} {_rp(item.get('amount', 0))}"
                          for item in items)
        text = _("Batal baris: {items}", items=shown or "-")
    return _reason(text, data)


def _discount(data: dict, ref: str) -> str:
    text = _("Diskon {amount} ({percent}) melebihi batas {limit}, struk {receipt}", amount=_rp(data["discount"]),
             percent=_percent(data["percent"]), limit=_percent(data["limit_pct"]),
             receipt=data.get("receipt_no") or ref)
    reasons = [data.get("sale_discount_reason")] + [line.get("reason") for line in _lines(data)]
    return _reason(text, reasons=reasons)


def _price_override(data: dict, ref: str) -> str:
    lines = _lines(data)
    shown = "; ".join(f"{line.get('name') or line.get('barcode') or '-'} "
                      f"{_change(line.get('list_price'), line['unit_price'], _rp)}" for line in lines)
    text = _("Ubah harga: {lines}, struk {receipt}", lines=shown or "-", receipt=data.get("receipt_no") or ref)
    return _reason(text, data, reasons=[line.get("reason") for line in lines])


def _z_report(data: dict, ref: str) -> str:
    return _("Laporan Z {number}, hari usaha {date}", number=data.get("z_no") or ref,
             date=_day(data["business_date"]))


def _reprint(data: dict, ref: str) -> str:
    text = _("Cetak ulang struk {receipt}", receipt=_pick(data, "receipt_no") or ref or "-")
    if data.get("total") is not None:
        text += f" ({_rp(data['total'])})"
    return _reason(text, data)


def _drawer(data: dict, ref: str) -> str:
    return _reason(_("Laci dibuka tanpa transaksi"), data)


def _shift_open(data: dict, ref: str) -> str:
    amount = _pick(data, "float", "opening_float", "opening_cash", "amount")
    return _("Shift dibuka, modal awal {amount}", amount=_rp(amount if amount is not None else 0))


def _cash(data: dict, ref: str, incoming: bool) -> str:
    amount = _rp(data["amount"])
    return _reason(_("Kas masuk {amount}", amount=amount) if incoming else _("Kas keluar {amount}", amount=amount),
                   data)


def _payout(data: dict, ref: str, label: str) -> str:
    parts: list[Any] = [ref, data.get("vendor")]
    if data.get("period_from") and data.get("period_to"):
        parts.append(_("{start} s.d. {end}", start=_day(data["period_from"]), end=_day(data["period_to"])))
    if data.get("amount") is not None:
        parts.append(_rp(data["amount"]))
    if data.get("method"):
        parts.append(method_label(data["method"]))
    return _parts(_(label), parts)


def _stock(data: dict, ref: str, label: str) -> str:
    parts: list[Any] = [ref, data.get("vendor")]
    lines = _lines(data)
    if lines:
        parts.append(_("{count} baris", count=format_number(len(lines))))
    if data.get("total_value") is not None:
        parts.append(_rp(data["total_value"]))
    if data.get("uncounted"):
        parts.append(_("{count} tidak dihitung", count=format_number(data["uncounted"])))
    return _reason(_parts(_(label), parts), data)


def _product_create(data: dict, ref: str) -> str:
    return _parts(_("Barang baru"), [data.get("name"), ref, data.get("vendor"), _rp(data["price"])])


def _product_price(data: dict, ref: str) -> str:
    parts: list[Any] = [ref, _change(data.get("old"), data["new"], _rp) if data.get("new") != data.get("old") else None]
    if data.get("new_harga_setor") != data.get("old_harga_setor"):
        parts.append(_("harga setor {change}", change=_change(data.get("old_harga_setor"),
                                                                data.get("new_harga_setor"), _rp) or "-"))
    if data.get("new_commission_pct") != data.get("old_commission_pct"):
        parts.append(_("komisi {change}", change=_change(data.get("old_commission_pct"),
                                                           data.get("new_commission_pct"), _percent) or "-"))
    return _parts(_("Ubah harga barang"), parts)


def _vendor(data: dict, ref: str, create: bool) -> str:
    if create:
        return _parts(_("UMKM baru"), [ref, data.get("name"), _terms(data.get("terms"), data.get("commission_pct"))])
    old = _terms(data["old_terms"], data.get("old_commission_pct"))
    new = _terms(data["new_terms"], data.get("new_commission_pct"))
    return _parts(_("Ubah syarat UMKM"), [ref, _change(old, new)])


def _settings(data: dict, ref: str) -> str:
    shown = []
    for key, value in (data.get("changes") or {}).items():
        if isinstance(value, dict) and not isinstance(value.get("new"), dict):
            shown.append(f"{key} {_change(value.get('old'), value.get('new'))}")
        else:
            shown.append(str(key))  # a long secret (the QRIS payload): only that it changed
    return _parts(_("Pengaturan diubah"), ["; ".join(shown)])


def _import(data: dict, ref: str, label: str) -> str:
    parts: list[Any] = [ref]
    for key, text in (("created", "{count} baru"), ("updated", "{count} diubah")):
        if data.get(key) is not None:
            parts.append(_(text, count=format_number(data[key])))
    return _parts(_(label), parts)


def _user(data: dict, ref: str, kind: str) -> str:
    name = data.get("username") or ref
    if kind == "user.create":
        return _parts(_("Pengguna baru"), [name, data.get("full_name"), role_label(data.get("role"))])
    if kind == "user.role":
        return _parts(_("Ubah peran pengguna"), [name, _change(data.get("old"), data["new"], role_label)])
    if kind == "user.pin_reset" and data.get("was_locked"):
        return _parts(_("Atur ulang PIN"), [name, _("kunci dibuka")])
    return _parts(kind_label(kind), [name])


def _user_locked(data: dict, ref: str) -> str:
    until = datetime.fromisoformat(str(data["until"])).astimezone().strftime("%d-%m-%Y %H:%M")
    return _("{username} terkunci sampai {time} karena PIN salah", username=data.get("username") or ref,
             time=until)


def _journal_start(data: dict, ref: str) -> str:
    before = data["before"]
    return _("Jurnal dimulai; data sebelumnya tidak berjurnal (penjualan s.d. id {sales}, pengembalian s.d. id "
             "{refunds}, laporan Z s.d. id {reports})", sales=before.get("sales", 0),
             refunds=before.get("refunds", 0), reports=before.get("z_reports", 0))


def _generic(kind: str, data: dict, ref: str) -> str:
    """The label, the reference, and the fields or kinds the data names as changed."""
    changed = _pick(data, "fields", "changed")
    parts: list[Any] = [ref, _pick(data, "name", "username")]
    if isinstance(changed, list):
        parts.append(" + ".join(str(field) for field in changed))
    amount = data.get("amount")
    if isinstance(amount, int) and not isinstance(amount, bool):
        parts.append(format_rupiah(amount))
    return _reason(_parts(kind_label(kind), parts), data)


_DESCRIBE: dict[str, Callable[[dict, str], str]] = {
    "sale": _sale, "refund": _refund, "z_report": _z_report, "reprint": _reprint, "drawer.open": _drawer,
    "void.line": lambda data, ref: _void(data, ref, False), "void.sale": lambda data, ref: _void(data, ref, True),
    "discount.override": _discount, "price.override": _price_override, "shift.open": _shift_open,
    "cash.in": lambda data, ref: _cash(data, ref, True), "cash.out": lambda data, ref: _cash(data, ref, False),
    "product.create": _product_create, "product.price": _product_price,
    "vendor.create": lambda data, ref: _vendor(data, ref, True),
    "vendor.terms": lambda data, ref: _vendor(data, ref, False), "settings.change": _settings,
    "user.locked": _user_locked, "journal.start": _journal_start,
    **{kind: (lambda data, ref, label=KIND_LABELS[kind]: _payout(data, ref, label))
       for kind in ("payout.draft", "payout.discard", "payout.approve", "payout.pay")},
    **{kind: (lambda data, ref, label=KIND_LABELS[kind]: _stock(data, ref, label))
       for kind in ("stock.intake", "stock.return", "stock.take", "stock.take_start", "stock.take_cancel")},
    **{kind: (lambda data, ref, label=KIND_LABELS[kind]: _import(data, ref, label))
       for kind in ("import.products", "import.vendors")},
    **{kind: (lambda data, ref, kind=kind: _user(data, ref, kind))
       for kind in ("user.create", "user.role", "user.pin_reset", "user.activate", "user.deactivate")},
}
