"""What each part of the Dasbor shows, with no Qt: the periods to choose from, and per chart its
headline, table (as shown and as CSV) and the points it draws.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date as babel_date

from nttmart_pos.domain.chart_scale import percent_text
from nttmart_pos.domain.money import format_number, format_rupiah
from nttmart_pos.domain.regions import NTT_REGENCIES
from nttmart_pos.domain.stock_document import measured_text
from nttmart_pos.i18n import _, get_language
from nttmart_pos.reports.tabular import write_table
from nttmart_pos.services.dashboard import OTHER_REGION, Dashboard

BY_HOUR, BY_METHOD, BY_REGENCY = "by_hour", "by_method", "by_regency"
TOP_PRODUCTS, TOP_VENDORS, SLOW_MOVERS = "top_products", "top_vendors", "slow_movers"
SECTIONS = (BY_HOUR, BY_METHOD, BY_REGENCY, TOP_PRODUCTS, TOP_VENDORS, SLOW_MOVERS)
# file names suggested for the CSV: dasbor-per-jam-2026-11-01_2026-11-28.csv
FILE_STEMS = {BY_HOUR: "per-jam", BY_METHOD: "metode-bayar", BY_REGENCY: "kabupaten", TOP_PRODUCTS: "barang-terlaris",
              TOP_VENDORS: "umkm-terlaris", SLOW_MOVERS: "barang-lambat-laku"}
METHOD_NAMES = {"cash": "Tunai", "qris": "QRIS", "card": "Kartu debit/kredit", "transfer": "Transfer bank",
                "ewallet": "Dompet digital", "marketplace": "Marketplace"}
TODAY, YESTERDAY, LAST_7, THIS_MONTH, CUSTOM = "today", "yesterday", "last7", "month", "custom"
PERIODS = ((TODAY, "Hari ini"), (YESTERDAY, "Kemarin"), (LAST_7, "7 hari terakhir"), (THIS_MONTH, "Bulan ini"),
           (CUSTOM, "Pilih tanggal..."))
CHART_LABEL = 34  # characters of a name beside a bar


@dataclass(frozen=True)
class Section:
    """One chart's content: what it draws (``chart``: "bar", "hbar", "pie" or "" for a list) and its table."""

    key: str
    title: str
    headline: str
    chart: str
    points: tuple[tuple[str, int], ...]  # (label, Rupiah) in the order drawn: largest first
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: frozenset[int]  # columns aligned right
    csv_columns: tuple[str, ...]
    csv_rows: tuple[tuple[str | int | None, ...], ...]
    empty: bool
    long_names: bool = False  # the text columns take the width left (products, vendors); else tables stay compact


def period_range(choice: str, today: date) -> tuple[date, date]:
    """The days of a preset period; ``CUSTOM`` has none of its own (today)."""
    if choice == YESTERDAY:
        return today - timedelta(days=1), today - timedelta(days=1)
    if choice == LAST_7:
        return today - timedelta(days=6), today
    if choice == THIS_MONTH:
        return today.replace(day=1), today
    return today, today


def _locale() -> str:
    return "en" if get_language() == "en" else "id_ID"


def period_text(date_from: date, date_to: date) -> str:
    """``Sabtu, 28 November 2026``, ``22–28 November 2026``, ``25 Oktober – 3 November 2026``."""
    locale = _locale()
    if date_from == date_to:
        return babel_date(date_from, "EEEE, d MMMM y", locale=locale)
    end = babel_date(date_to, "d MMMM y", locale=locale)
    if (date_from.year, date_from.month) == (date_to.year, date_to.month):
        return f"{date_from.day}–{end}"
    start = babel_date(date_from, "d MMMM" if date_from.year == date_to.year else "d MMMM y", locale=locale)
    return f"{start} – {end}"


def file_name(key: str, date_from: date, date_to: date) -> str:
    days = date_from.isoformat() if date_from == date_to else f"{date_from.isoformat()}_{date_to.isoformat()}"
    return f"dasbor-{FILE_STEMS[key]}-{days}.csv"


def hour_text(hour: int) -> str:
    return _("{hour}.00", hour=f"{hour:02d}")


def hour_range_text(hour: int) -> str:
    return _("{hour}.00–{hour}.59", hour=f"{hour:02d}")


def method_name(method: str) -> str:
    return _(METHOD_NAMES[method]) if method in METHOD_NAMES else method


def regency_name(regency: str) -> str:
    return regency if regency != OTHER_REGION else _("Luar NTT / belum diisi")


def short_label(text: str, width: int = CHART_LABEL) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def _quantity_text(quantity: int, measure: str, unit: str) -> str:
    return measured_text(quantity, measure) if measure == "weight" else f"{format_number(quantity)} {unit}".strip()


def _csv_unit(measure: str, unit: str) -> str:
    return _("gram") if measure == "weight" else unit


def sections(board: Dashboard) -> dict[str, Section]:
    return {BY_HOUR: hours(board), BY_METHOD: methods(board), BY_REGENCY: regencies(board),
            TOP_PRODUCTS: top_products(board), TOP_VENDORS: top_vendors(board), SLOW_MOVERS: slow_movers(board)}


def _no_sales() -> str:
    return _("Belum ada penjualan pada periode ini.")


def hours(board: Dashboard) -> Section:
    active = [h for h in board.by_hour if h.sales or h.net]
    busiest = max(active, key=lambda h: (h.sales, h.net), default=None)
    headline = _no_sales() if busiest is None or not busiest.sales else _(
        "Jam paling ramai: {hour} ({count} transaksi, {amount})", hour=hour_range_text(busiest.hour),
        count=format_number(busiest.sales), amount=format_rupiah(busiest.net))
    shown = range(active[0].hour, active[-1].hour + 1) if active else range(0)
    points = tuple((f"{h:02d}", board.by_hour[h].net) for h in shown)
    columns = (_("Jam"), _("Transaksi"), _("Penjualan bersih"))
    # on screen the hours of the day that had sales; the file has all 24
    rows = tuple((hour_range_text(h), format_number(board.by_hour[h].sales), format_rupiah(board.by_hour[h].net))
                 for h in shown)
    csv_rows = tuple((hour_range_text(h.hour), h.sales, h.net) for h in board.by_hour)
    return Section(BY_HOUR, _("Penjualan bersih per jam"), headline, "bar", points, columns, rows,
                   frozenset({1, 2}), columns, csv_rows, not active)


def methods(board: Dashboard) -> Section:
    headline = _no_sales() if not board.received else _(
        "{share} dari penerimaan dibayar nontunai ({amount}).", share=percent_text(board.non_cash_permille),
        amount=format_rupiah(board.non_cash_received))
    points = tuple((f"{method_name(m.method)} {percent_text(m.share_permille)}", m.net)
                   for m in board.by_method if m.net > 0)
    columns = (_("Metode"), _("Transaksi"), _("Diterima"), _("Dikembalikan"), _("Bersih"), _("Porsi"))
    rows = tuple((method_name(m.method), format_number(m.sales), format_rupiah(m.received), format_rupiah(m.refunded),
                  format_rupiah(m.net), percent_text(m.share_permille)) for m in board.by_method)
    csv_columns = columns[:-1] + (_("Porsi (%)"),)
    csv_rows = tuple((method_name(m.method), m.sales, m.received, m.refunded, m.net,
                      percent_text(m.share_permille).rstrip("%")) for m in board.by_method)
    return Section(BY_METHOD, _("Penjualan bersih per metode pembayaran"), headline, "pie", points, columns, rows,
                   frozenset({1, 2, 3, 4, 5}), csv_columns, csv_rows, not points)


def regencies(board: Dashboard) -> Section:
    selling = [r for r in board.by_regency if r.items > 0 or r.net]
    if not selling:
        headline = _no_sales()
    else:
        top = selling[0]
        headline = _("Barang terjual berasal dari UMKM di {count} dari {all} kabupaten/kota NTT; "
                     "terbanyak dari {name} ({share}).",
                     count=board.regencies_with_sales, all=len(NTT_REGENCIES), name=regency_name(top.regency),
                     share=percent_text(top.share_permille))
    points = tuple((f"{regency_name(r.regency)} ({percent_text(r.share_permille)})", r.net) for r in board.by_regency)
    columns = (_("No."), _("Kabupaten/kota"), _("Jumlah UMKM"), _("Barang terjual"), _("Penjualan bersih"),
               _("Porsi"))
    rows = tuple((str(i), regency_name(r.regency), format_number(r.vendors), format_number(r.items),
                  format_rupiah(r.net), percent_text(r.share_permille)) for i, r in enumerate(board.by_regency, 1))
    csv_columns = columns[1:-1] + (_("Porsi (%)"),)
    csv_rows = tuple((regency_name(r.regency), r.vendors, r.items, r.net, percent_text(r.share_permille).rstrip("%"))
                     for r in board.by_regency)
    return Section(BY_REGENCY, _("Penjualan bersih menurut asal UMKM (kabupaten/kota)"), headline, "hbar", points,
                   columns, rows, frozenset({0, 2, 3, 4, 5}), csv_columns, csv_rows, not selling)


def _top_headline(count: int, share_permille: int, first: str, amount: int, products: bool) -> str:
    if not count:
        return _no_sales()
    if products:
        return _("Terlaris: {name} ({amount}). {count} barang ini membawa {share} dari penjualan bersih.",
                 name=first, amount=format_rupiah(amount), count=count, share=percent_text(share_permille))
    return _("Terlaris: {name} ({amount}). {count} UMKM ini membawa {share} dari penjualan bersih.",
             name=first, amount=format_rupiah(amount), count=count, share=percent_text(share_permille))


def top_products(board: Dashboard) -> Section:
    items = board.top_products
    headline = _top_headline(len(items), board.top_products_permille, items[0].name if items else "",
                             items[0].net if items else 0, True)
    points = tuple((short_label(p.name), p.net) for p in items)
    columns = (_("No."), _("Barang"), _("UMKM"), _("Terjual"), _("Penjualan bersih"))
    rows = tuple((str(i), p.name, p.vendor_name, _quantity_text(p.quantity, p.measure, p.unit), format_rupiah(p.net))
                 for i, p in enumerate(items, 1))
    csv_columns = (_("Peringkat"), _("Barcode"), _("Barang"), _("Kode UMKM"), _("UMKM"), _("Terjual"), _("Satuan"),
                   _("Penjualan bersih"))
    csv_rows = tuple((i, p.barcode, p.name, p.vendor_code, p.vendor_name, p.quantity, _csv_unit(p.measure, p.unit),
                      p.net) for i, p in enumerate(items, 1))
    return Section(TOP_PRODUCTS, _("{count} barang terlaris (penjualan bersih)", count=len(items) or 10), headline,
                   "hbar", points, columns, rows, frozenset({0, 3, 4}), csv_columns, csv_rows, not items, True)


def top_vendors(board: Dashboard) -> Section:
    items = board.top_vendors
    headline = _top_headline(len(items), board.top_vendors_permille, items[0].name if items else "",
                             items[0].net if items else 0, False)
    points = tuple((short_label(f"{v.name} ({regency_name(v.regency)})"), v.net) for v in items)
    columns = (_("No."), _("UMKM"), _("Kabupaten/kota"), _("Barang terjual"), _("Penjualan bersih"))
    rows = tuple((str(i), v.name, regency_name(v.regency), format_number(v.items), format_rupiah(v.net))
                 for i, v in enumerate(items, 1))
    csv_columns = (_("Peringkat"), _("Kode UMKM"), _("UMKM"), _("Kabupaten/kota"), _("Barang terjual"),
                   _("Penjualan bersih"))
    csv_rows = tuple((i, v.code, v.name, regency_name(v.regency), v.items, v.net) for i, v in enumerate(items, 1))
    return Section(TOP_VENDORS, _("{count} UMKM terlaris (penjualan bersih)", count=len(items) or 10), headline,
                   "hbar", points, columns, rows, frozenset({0, 3, 4}), csv_columns, csv_rows, not items, True)


def _last_sold_text(last: date | None) -> str:
    return last.strftime("%d-%m-%Y") if last else _("belum pernah")


def _days_text(days: int | None) -> str:
    return "-" if days is None else _("{days} hari", days=format_number(days))


def slow_movers(board: Dashboard) -> Section:
    items = board.slow_movers
    headline = _("Ada stoknya, tetapi paling sedikit terjual pada periode ini; nilai stok terbesar di atas. "
                 "Nilai stok {count} barang ini {amount} (harga jual).", count=len(items),
                 amount=format_rupiah(board.slow_movers_stock_value)) if items else _("Tidak ada barang berstok.")
    columns = (_("No."), _("Barang"), _("UMKM"), _("Stok"), _("Nilai stok"), _("Terjual"), _("Terakhir terjual"),
               _("Tanpa penjualan"))
    rows = tuple((str(i), m.name, m.vendor_name, _quantity_text(m.stock_on_hand, m.measure, m.unit),
                  format_rupiah(m.stock_value), format_number(m.sold), _last_sold_text(m.last_sold),
                  _days_text(m.days_since_sale)) for i, m in enumerate(items, 1))
    csv_columns = (_("No."), _("Barcode"), _("Barang"), _("Kode UMKM"), _("UMKM"), _("Stok"), _("Satuan"),
                   _("Nilai stok"), _("Terjual"), _("Terakhir terjual"), _("Hari tanpa penjualan"))
    csv_rows = tuple((i, m.barcode, m.name, m.vendor_code, m.vendor_name, m.stock_on_hand,
                      _csv_unit(m.measure, m.unit), m.stock_value, m.sold,
                      m.last_sold.isoformat() if m.last_sold else "", m.days_since_sale)
                     for i, m in enumerate(items, 1))
    return Section(SLOW_MOVERS, _("Barang lambat laku"), headline, "", (), columns, rows,
                   frozenset({0, 3, 4, 5, 6, 7}), csv_columns, csv_rows, not items, True)


def export_section(path: Path, section: Section) -> int:
    """Write one chart's numbers (whole Rupiah, as numbers) to a CSV or XLSX file."""
    rows: Sequence[Sequence[str | int | None]] = section.csv_rows
    return write_table(Path(path), section.csv_columns, rows)
