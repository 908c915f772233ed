"""The manager dashboard: what sold over a period of local days, and where it came from (read-only).

Money is whole Rupiah.  "Net" is after every discount and after the refunds
made in the period (a refund counts on the day it is made, like in the
drawer), so each breakdown below (by hour, by payment method, by product,
vendor and regency) adds up to ``totals.net``.  Quantities are what the
period's sales rang up; refunds are counted in money.
"""

from __future__ import annotations

import heapq

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timezone

from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.chart_scale import permille
from nttmart_pos.domain.money import round_half_up_div
from nttmart_pos.domain.periods import local_date, local_hour, period_bounds
from nttmart_pos.domain.regions import NTT_REGENCIES
from nttmart_pos.domain.settlement import measured_value
from nttmart_pos.services import dashboard_queries as q

TOP = 10
SLOW_MOVERS = 20
METHODS = ("cash", "qris", "card", "transfer", "ewallet", "marketplace")
OTHER_REGION = ""  # vendors without an NTT regency on record


@dataclass(frozen=True)
class Totals:
    sales: int  # number of sales
    gross: int  # what the goods rang up at, before any discount
    discounts: int  # line and sale discounts
    refunds: int  # money given back in the period, whatever day the sale was
    refund_count: int
    net: int  # gross - discounts - refunds
    average_sale: int  # (gross - discounts) / sales, rounded half up
    items_sold: int  # pieces; a weighed line counts as one item


@dataclass(frozen=True)
class HourSales:
    hour: int  # local hour of the day, 0-23
    sales: int
    net: int  # sales of that hour less the refunds made in it


@dataclass(frozen=True)
class MethodSales:
    method: str
    sales: int  # sales this method paid (part of)
    received: int  # applied amounts: cash is counted without the change
    refunded: int  # refunds given back with this method
    net: int
    share_permille: int  # of the period's net, in tenths of a percent


@dataclass(frozen=True)
class ProductSales:
    product_id: int
    barcode: str
    name: str
    vendor_code: str
    vendor_name: str
    measure: str
    unit: str
    quantity: int  # pieces, or grams for weighed goods
    net: int


@dataclass(frozen=True)
class VendorSales:
    vendor_id: int
    code: str
    name: str
    regency: str
    items: int
    net: int


@dataclass(frozen=True)
class RegencySales:
    regency: str  # one of NTT_REGENCIES, or OTHER_REGION
    vendors: int  # vendors from there that sold something (or had a refund) in the period
    items: int
    net: int
    share_permille: int  # of the period's net, in tenths of a percent


@dataclass(frozen=True)
class SlowMover:
    product_id: int
    barcode: str
    name: str
    vendor_code: str
    vendor_name: str
    measure: str
    unit: str
    stock_on_hand: int  # pieces, or grams for weighed goods
    stock_value: int  # at today's selling price
    sold: int  # in the period: pieces, or for weighed goods the number of sales lines
    last_sold: date | None  # local date of the last sale up to the end of the period
    days_since_sale: int | None  # from that date to the period's last day


@dataclass(frozen=True)
class Dashboard:
    date_from: date
    date_to: date
    totals: Totals
    by_hour: tuple[HourSales, ...]  # all 24 hours
    by_method: tuple[MethodSales, ...]  # methods used in the period, most money first
    top_products: tuple[ProductSales, ...]
    top_vendors: tuple[VendorSales, ...]
    by_regency: tuple[RegencySales, ...]  # all 22 regencies, most net first; OTHER_REGION last if it sold
    slow_movers: tuple[SlowMover, ...]

    @property
    def regencies_with_sales(self) -> int:
        return sum(1 for r in self.by_regency if r.regency != OTHER_REGION and r.items > 0)

    @property
    def received(self) -> int:
        return sum(m.received for m in self.by_method)

    @property
    def non_cash_received(self) -> int:
        return sum(m.received for m in self.by_method if m.method != "cash")

    @property
    def non_cash_permille(self) -> int:
        return permille(self.non_cash_received, self.received)

    @property
    def top_products_permille(self) -> int:
        """What the top products brought in, of the period's net."""
        return permille(sum(p.net for p in self.top_products), self.totals.net)

    @property
    def top_vendors_permille(self) -> int:
        return permille(sum(v.net for v in self.top_vendors), self.totals.net)

    @property
    def slow_movers_stock_value(self) -> int:
        return sum(m.stock_value for m in self.slow_movers)


def dashboard(uow: UnitOfWork, date_from: date, date_to: date) -> Dashboard:
    """Every figure of the dashboard for the local days ``date_from`` to ``date_to`` (inclusive)."""
    start, end = period_bounds(date_from, date_to)
    with uow:
        session = uow.session
        q.one_snapshot(session)
        buckets = q.sale_buckets(session, start, end)
        refunds = q.refund_buckets(session, start, end)
        payments = q.payments_by_method(session, start, end)
        lines = q.line_sums(session, start, end)
        refunded = q.refund_sums(session, start, end)
        net_by_product: dict[int, int] = defaultdict(int)
        net_by_vendor: dict[int, int] = defaultdict(int)
        for row in lines:
            net_by_product[row.product_id] += row.net
            net_by_vendor[row.vendor_id] += row.net
        for row in refunded:
            net_by_product[row.product_id] -= row.amount
            net_by_vendor[row.vendor_id] -= row.amount
        totals = _totals(buckets, refunds, lines)
        top_ids = _top(net_by_product)
        product_info = q.products(session, top_ids)
        top_products = tuple(_product_sales(product_info[pid], lines, net_by_product[pid]) for pid in top_ids)
        vendor_info = q.vendors(session, net_by_vendor)
        items_by_vendor: dict[int, int] = defaultdict(int)
        for row in lines:
            items_by_vendor[row.vendor_id] += row.items
        top_vendors = tuple(VendorSales(vid, vendor_info[vid].code, vendor_info[vid].name, vendor_info[vid].regency,
                                        items_by_vendor[vid], net_by_vendor[vid]) for vid in _top(net_by_vendor))
        by_regency = _by_regency(vendor_info, net_by_vendor, items_by_vendor, totals.net)
        slow = _slow_movers(session, lines, date_to, end)
    return Dashboard(date_from, date_to, totals, _by_hour(buckets, refunds),
                     _by_method(payments, refunds, totals.net), top_products, top_vendors, by_regency, slow)


def _totals(buckets: list[q.Bucket], refunds: list[tuple[str, q.Bucket]], lines: list[q.LineSum]) -> Totals:
    count = sum(b.count for b in buckets)
    line_discount = sum(row.line_discount for row in lines)
    gross = sum(b.subtotal for b in buckets) + line_discount
    discounts = sum(b.discount for b in buckets) + line_discount
    refunded = sum(b.total for _method, b in refunds)
    takings = gross - discounts
    return Totals(sales=count, gross=gross, discounts=discounts, refunds=refunded,
                  refund_count=sum(b.count for _method, b in refunds), net=takings - refunded,
                  average_sale=round_half_up_div(takings, count) if count else 0,
                  items_sold=sum(row.items for row in lines))


def _hour(start: int) -> int:
    return local_hour(datetime.fromtimestamp(start, timezone.utc))


def _by_hour(buckets: list[q.Bucket], refunds: list[tuple[str, q.Bucket]]) -> tuple[HourSales, ...]:
    counts, nets = [0] * 24, [0] * 24
    for bucket in buckets:
        hour = _hour(bucket.start)
        counts[hour] += bucket.count
        nets[hour] += bucket.total
    for _method, bucket in refunds:
        nets[_hour(bucket.start)] -= bucket.total
    return tuple(HourSales(hour, counts[hour], nets[hour]) for hour in range(24))


def _by_method(payments: list[tuple[str, int, int]], refunds: list[tuple[str, q.Bucket]],
               total_net: int) -> tuple[MethodSales, ...]:
    received = {method: (count, amount) for method, count, amount in payments}
    refunded: dict[str, int] = defaultdict(int)
    for method, bucket in refunds:
        refunded[method] += bucket.total
    used = set(received) | set(refunded)
    rows = []
    for method in used:
        count, amount = received.get(method, (0, 0))
        net = amount - refunded[method]
        rows.append(MethodSales(method, count, amount, refunded[method], net, permille(net, total_net)))
    order = {m: i for i, m in enumerate(METHODS)}
    return tuple(sorted(rows, key=lambda r: (-r.net, order.get(r.method, len(order)), r.method)))


def _top(nets: dict[int, int]) -> list[int]:
    """The ids with the largest positive net, largest first (ties: the lower id)."""
    ranked = sorted((key for key, net in nets.items() if net > 0), key=lambda key: (-nets[key], key))
    return ranked[:TOP]


def _product_sales(info: q.ProductInfo, lines: list[q.LineSum], net: int) -> ProductSales:
    quantity = sum(row.quantity for row in lines if row.product_id == info.product_id)
    return ProductSales(info.product_id, info.barcode, info.name, info.vendor_code, info.vendor_name,
                        info.measure, info.unit, quantity, net)


def _by_regency(vendor_info: dict[int, q.VendorInfo], net_by_vendor: dict[int, int],
                items_by_vendor: dict[int, int], total_net: int) -> tuple[RegencySales, ...]:
    known = {name.casefold(): name for name in NTT_REGENCIES}
    nets: dict[str, int] = defaultdict(int)
    items: dict[str, int] = defaultdict(int)
    vendor_count: dict[str, int] = defaultdict(int)
    for vendor_id, info in vendor_info.items():
        region = known.get(info.regency.strip().casefold(), OTHER_REGION)
        nets[region] += net_by_vendor.get(vendor_id, 0)
        items[region] += items_by_vendor.get(vendor_id, 0)
        vendor_count[region] += 1
    order = {name: i for i, name in enumerate(NTT_REGENCIES)}
    rows = sorted((RegencySales(name, vendor_count[name], items[name], nets[name], permille(nets[name], total_net))
                   for name in NTT_REGENCIES), key=lambda r: (-r.net, -r.items, order[r.regency]))
    if vendor_count[OTHER_REGION]:
        rows.append(RegencySales(OTHER_REGION, vendor_count[OTHER_REGION], items[OTHER_REGION], nets[OTHER_REGION],
                                 permille(nets[OTHER_REGION], total_net)))
    return tuple(rows)


def _slow_movers(session, lines: list[q.LineSum], date_to: date, end: datetime) -> tuple[SlowMover, ...]:
    """Products on the shelf that sold least in the period; among equals, the most stock value first."""
    sold: dict[int, int] = defaultdict(int)
    line_count: dict[int, int] = defaultdict(int)
    for row in lines:
        sold[row.product_id] += row.quantity
        line_count[row.product_id] += row.lines
    candidates = []
    for info in q.products_in_stock(session):
        # grams are no measure of how often something sells: a weighed product counts its sales lines
        units = line_count[info.product_id] if info.measure == "weight" else sold[info.product_id]
        value = measured_value(info.stock_on_hand, info.price, info.measure)
        candidates.append((units, -value, info.name, info.product_id, info, value))
    chosen = heapq.nsmallest(SLOW_MOVERS, candidates)  # the same as sorted(...)[:n], without sorting 100,000
    last = q.last_sales(session, [c[3] for c in chosen], end)
    movers = []
    for units, _value, _name, product_id, info, value in chosen:
        day = local_date(last[product_id]) if product_id in last else None
        movers.append(SlowMover(product_id, info.barcode, info.name, info.vendor_code, info.vendor_name,
                                info.measure, info.unit, info.stock_on_hand, value, units, day,
                                (date_to - day).days if day else None))
    return tuple(movers)
