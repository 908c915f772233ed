"""The benchmark store's history: a till's sales, refunds, shifts, weekly paid payouts and the journal.

Written week by week straight into the tables, as ``services.checkout``,
``services.refunds`` and ``services.payouts`` would have written them:

* every sale has a receipt number (gapless counter ``receipt:T01``), lines
  with the vendor-terms snapshot, the sale discount spread with
  ``domain.settlement.spread_discount``, one payment, a ``sold`` stock
  movement per line and a ``sale`` journal entry whose body is
  ``journal_events.sale_data`` of those very rows;
* a few lines a day are refunded in full (``refunded`` movements, ``refund``
  journal entries built with ``journal_events.refund_data``);
* one closed shift a day (no Z reports), and an open shift left for the
  benchmarks' own sales;
* every vendor is paid weekly (``payouts``/``payout_items``, status paid)
  for every day but the last, so the last day is what a day-end settlement
  has to settle;
* the journal is one valid HMAC chain over the sales and refunds (payout
  events are not journalled here).  ``journal verify`` accepts it.
"""

from __future__ import annotations

import itertools
import random
from collections import defaultdict
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from benchmarks.catalog_rows import (
    CASHIER_IDS,
    MANAGER_ID,
    NAMES,
    SUPERVISOR_ID,
    TERMINAL,
    Catalog,
    Sink,
    local_moment,
)
from nttmart_pos.domain.money import round_half_up_div
from nttmart_pos.domain.refunds import refund_line_split, sold_line_split
from nttmart_pos.domain.settlement import payable, spread_discount
from nttmart_pos.services.journal import GENESIS_MAC, compute_mac, event_body
from nttmart_pos.services.journal_events import refund_data, sale_data

SALE_COLUMNS = ("id", "receipt_no", "terminal", "number", "cashier_id", "cashier_name", "created_at", "subtotal",
                "discount", "total", "paid", "change", "status", "shift_id", "channel", "external_order_id",
                "discount_reason", "approver_id", "approver_name")
LINE_COLUMNS = ("id", "sale_id", "line_no", "product_id", "barcode", "product_name", "measure", "quantity",
                "unit_price", "line_total", "discount", "sale_discount_share", "vendor_id", "vendor_code",
                "vendor_name", "terms", "harga_setor", "commission_pct", "discount_reason", "list_price")
PAYMENT_COLUMNS = ("id", "sale_id", "method", "amount", "tendered", "reference")
MOVEMENT_COLUMNS = ("id", "product_id", "kind", "quantity", "created_at", "sale_id", "document_id", "user_id",
                    "reference")
JOURNAL_COLUMNS = ("id", "seq", "created_at", "kind", "terminal", "user_id", "user_name", "approver_name", "ref",
                   "body", "prev_mac", "mac")
REFUND_COLUMNS = ("id", "refund_no", "sale_id", "terminal", "shift_id", "created_at", "user_id", "user_name",
                  "method", "total", "restock", "reason", "approver_id", "approver_name")
REFUND_LINE_COLUMNS = ("id", "refund_id", "sale_line_id", "vendor_id", "quantity", "amount")
SHIFT_COLUMNS = ("id", "terminal", "cashier_id", "cashier_name", "opened_at", "opening_float", "status", "closed_at",
                 "closed_by", "expected_cash", "counted_cash")
PAYOUT_COLUMNS = ("id", "payout_no", "vendor_id", "period_from", "period_to", "status", "created_at", "created_by",
                  "approved_at", "approved_by", "paid_at", "paid_by", "paid_method", "paid_reference", "paid_on",
                  "units", "gross", "refunds", "commission", "carried_in", "balance", "amount")
ITEM_COLUMNS = ("id", "payout_id", "kind", "sale_line_id", "refund_line_id", "carried_from_id", "quantity", "gross",
                "commission", "vendor_amount")
OPENING_FLOAT = 500_000
METHODS = (("cash", 65), ("qris", 30), ("card", 5))


class History:
    """Generates and writes the history; ``write(days)`` then ``finish()``."""

    def __init__(self, sink: Sink, rng: random.Random, catalog: Catalog, key: bytes, sales_per_day: int,
                 log=None) -> None:
        self.sink, self.rng, self.cat, self.key, self.per_day = sink, rng, catalog, key, sales_per_day
        self.log = log or (lambda _text: None)
        self.ids: dict[str, int] = defaultdict(int)
        self.counters: dict[str, int] = defaultdict(int)
        self.prev_mac = GENESIS_MAC
        self.sold = [0] * len(catalog.price)  # pieces or grams per product, sold less restocked refunds
        self.rows: dict[str, list[tuple]] = defaultdict(list)
        self.week_lines: list[tuple] = []  # (vendor_id, sale_line_id, quantity, pieces, split) to pay out
        self.week_refunds: list[tuple] = []  # (vendor_id, refund_line_id, quantity, amount, vendor part)
        self.day_lines: list[tuple] = []  # the same, of the day being written
        self.day_refunds: list[tuple] = []
        sellable = [i + 1 for i in range(len(catalog.price)) if catalog.active[i]]
        rng.shuffle(sellable)
        self.population = sellable  # a few products sell often, most rarely (Zipf-like)
        self.cum_weights = list(itertools.accumulate(1.0 / (rank + 10) ** 0.9 for rank in range(len(sellable))))
        methods, weights = zip(*METHODS)
        self.methods, self.method_weights = methods, weights

    def _next(self, name: str) -> int:
        self.ids[name] += 1
        return self.ids[name]

    def write(self, days: list[date]) -> None:
        """Sales of every day; payouts for each week before the last day; the last day stays unsettled."""
        settled = set(days[:-1])
        for start in range(0, len(days), 7):
            week = days[start:start + 7]
            for day in week:
                self.day_lines, self.day_refunds = [], []
                self._day(day)
                if day in settled:  # the last day's lines stay unsettled
                    self.week_lines += self.day_lines
                    self.week_refunds += self.day_refunds
            paid_days = [day for day in week if day in settled]
            if paid_days:
                self._payouts(paid_days[0], paid_days[-1])
            self.week_lines, self.week_refunds = [], []
            self._flush()
            if start % 56 == 49:
                self.log(f"  ... {start + len(week)} of {len(days)} days")

    # -- one day -------------------------------------------------------------
    def _day(self, day: date) -> None:
        rng = self.rng
        cashier = CASHIER_IDS[day.toordinal() % len(CASHIER_IDS)]
        shift = self._next("shifts")
        seconds = sorted(rng.uniform(8 * 3600, 21 * 3600) for _ in range(self.per_day))
        sales, cash = [], 0
        for moment in seconds:
            sale = self._sale(local_moment(day, round(moment)), cashier, shift)
            sales.append(sale)
            cash += sale.total if sale.payments[0].method == "cash" else 0
        refunds = max(1, self.per_day * 3 // 1000) if self.per_day >= 10 else 0
        refunded = 0
        for index, sale in enumerate(rng.sample(sales, min(refunds, len(sales)))):
            refunded += self._refund(sale, local_moment(day, 21 * 3600 + 900 + 60 * index), shift)
        expected = OPENING_FLOAT + cash - refunded
        opened, closed = local_moment(day, 7.75 * 3600), local_moment(day, 21.75 * 3600)
        self.rows["shifts"].append((shift, TERMINAL, cashier, NAMES[cashier], self.sink.ts(opened), OPENING_FLOAT,
                                    "closed", self.sink.ts(closed), cashier, expected, expected))

    def _sale(self, at: datetime, cashier: int, shift: int) -> SimpleNamespace:
        rng, cat, ts = self.rng, self.cat, self.sink.ts
        picks = list(dict.fromkeys(rng.choices(self.population, cum_weights=self.cum_weights, k=rng.randint(1, 5))))
        sale_id, number = self._next("sales"), self._count(f"receipt:{TERMINAL}")
        receipt = f"{TERMINAL}-{number:06d}"
        lines = []
        for line_no, product in enumerate(picks, start=1):
            price = cat.price[product - 1]
            if cat.measure[product - 1] == "weight":
                quantity = rng.randrange(100, 2001)
                total = round_half_up_div(quantity * price, 1000)
            else:
                quantity = rng.choices((1, 2, 3), (70, 20, 10))[0]
                total = quantity * price
            vendor = cat.vendor_id[product - 1]
            terms = cat.vendor_terms[vendor - 1]
            lines.append(SimpleNamespace(
                id=self._next("sale_lines"), line_no=line_no, product_id=product, barcode=cat.barcode[product - 1],
                product_name=cat.name[product - 1], measure=cat.measure[product - 1], quantity=quantity,
                unit_price=price, list_price=None, discount=0, discount_reason="", line_total=total,
                sale_discount_share=0, vendor_id=vendor, terms=terms,
                harga_setor=cat.harga_setor[product - 1] if terms == "harga_setor" else None,
                commission_pct=cat.snapshot_pct(product)))
        subtotal = sum(line.line_total for line in lines)
        discount = subtotal * 5 // 100 // 100 * 100 if rng.random() < 0.02 else 0
        for line, share in zip(lines, spread_discount([line.line_total for line in lines], discount)):
            line.sale_discount_share = share
        total = subtotal - discount
        method = rng.choices(self.methods, self.method_weights)[0]
        tendered = -(-total // 5000) * 5000 if method == "cash" else 0
        paid = tendered if method == "cash" else total
        payment = SimpleNamespace(id=self._next("payments"), method=method, amount=total, tendered=tendered,
                                  reference="" if method == "cash" else f"{method.upper()}-{sale_id:08d}")
        sale = SimpleNamespace(id=sale_id, receipt_no=receipt, terminal=TERMINAL, number=number, cashier_id=cashier,
                               created_at=at, shift_id=shift, channel="till", external_order_id=None,
                               status="completed", subtotal=subtotal, discount=discount,
                               discount_reason="Diskon member" if discount else "", total=total, paid=paid,
                               change=paid - total, approver_id=None, lines=lines, payments=[payment])
        stamp = ts(at)
        self.rows["sales"].append((sale_id, receipt, TERMINAL, number, cashier, NAMES[cashier], stamp, subtotal,
                                   discount, total, paid, paid - total, "completed", shift, "till", None,
                                   sale.discount_reason, None, ""))
        for line in lines:
            vendor = line.vendor_id - 1
            self.rows["sale_lines"].append((
                line.id, sale_id, line.line_no, line.product_id, line.barcode, line.product_name, line.measure,
                line.quantity, line.unit_price, line.line_total, 0, line.sale_discount_share, line.vendor_id,
                cat.vendor_code[vendor], cat.vendor_name[vendor], line.terms, line.harga_setor, line.commission_pct,
                "", None))
            pieces = 1 if line.measure == "weight" else line.quantity
            self.day_lines.append((line.vendor_id, line.id, line.quantity, pieces, sold_line_split(line)))
            self.sold[line.product_id - 1] += line.quantity
        for line in sorted(lines, key=lambda item: item.product_id):  # product order, as write_sale
            self.rows["stock_movements"].append((self._next("stock_movements"), line.product_id, "sold",
                                                 -line.quantity, stamp, sale_id, None, cashier, receipt))
        self.rows["payments"].append((payment.id, sale_id, method, total, tendered, payment.reference))
        self._journal("sale", at, cashier, receipt, sale_data(sale))
        return sale

    def _refund(self, sale: SimpleNamespace, at: datetime, shift: int) -> int:
        """Give back one whole line of ``sale`` in cash, restocked; returns the cash paid out."""
        line = self.rng.choice(sale.lines)
        piece = refund_line_split(line, 0, line.quantity)
        refund_id, number = self._next("refunds"), self._count(f"refund:{TERMINAL}")
        refund_no = f"R-{TERMINAL}-{number:06d}"
        refund_line = SimpleNamespace(id=self._next("refund_lines"), sale_line_id=line.id, vendor_id=line.vendor_id,
                                      quantity=line.quantity, amount=piece.amount)
        row = SimpleNamespace(refund_no=refund_no, sale_id=sale.id, terminal=TERMINAL, shift_id=shift, created_at=at,
                              user_id=SUPERVISOR_ID, approver_id=None, method="cash", total=piece.amount,
                              restock=True, reason="Barang rusak", lines=[refund_line])
        stamp = self.sink.ts(at)
        self.rows["refunds"].append((refund_id, refund_no, sale.id, TERMINAL, shift, stamp, SUPERVISOR_ID,
                                     NAMES[SUPERVISOR_ID], "cash", piece.amount, self.sink.flag(True), row.reason,
                                     None, ""))
        self.rows["refund_lines"].append((refund_line.id, refund_id, line.id, line.vendor_id, line.quantity,
                                          piece.amount))
        self.rows["stock_movements"].append((self._next("stock_movements"), line.product_id, "refunded",
                                             line.quantity, stamp, sale.id, None, SUPERVISOR_ID, refund_no))
        self.sold[line.product_id - 1] -= line.quantity
        self.day_refunds.append((line.vendor_id, refund_line.id, line.quantity, piece.amount, piece.vendor_amount))
        self._journal("refund", at, SUPERVISOR_ID, refund_no, refund_data(row))
        return piece.amount

    def _journal(self, kind: str, at: datetime, user_id: int, ref: str, data: dict) -> None:
        seq = self._count("journal")
        body = event_body(seq, kind, at, terminal=TERMINAL, user_id=user_id, user_name=NAMES[user_id],
                          approver_id=None, approver_name="", ref=ref, data=data)
        mac = compute_mac(self.key, self.prev_mac, body)
        self.rows["journal_entries"].append((self._next("journal_entries"), seq, self.sink.ts(at), kind, TERMINAL,
                                             user_id, NAMES[user_id], "", ref, body, self.prev_mac, mac))
        self.prev_mac = mac

    def _count(self, name: str) -> int:
        self.counters[name] += 1
        return self.counters[name]

    # -- payouts -------------------------------------------------------------
    def _payouts(self, first: date, last: date) -> None:
        """One paid payout per vendor with lines in the week (refunds of the week included)."""
        by_vendor: dict[int, list] = defaultdict(list)
        refunds: dict[int, list] = defaultdict(list)
        for entry in self.week_lines:
            by_vendor[entry[0]].append(entry)
        for entry in self.week_refunds:
            refunds[entry[0]].append(entry)
        created = local_moment(last + timedelta(days=1), 9 * 3600)
        paid_on = last + timedelta(days=1)
        year = created.astimezone().year
        ts, day = self.sink.ts, self.sink.day
        for vendor in sorted(set(by_vendor) | set(refunds)):
            payout_id = self._next("payouts")
            payout_no = f"PO-{year:04d}-{self._count(f'payout:{year:04d}'):06d}"
            units = gross = commission = vendor_amount = refunded = 0
            for _vendor, line_id, quantity, pieces, split in by_vendor.get(vendor, ()):
                self.rows["payout_items"].append((self._next("payout_items"), payout_id, "sale", line_id, None, None,
                                                  quantity, split.amount, split.commission, split.vendor_amount))
                units += pieces
                gross += split.amount
                commission += split.commission
                vendor_amount += split.vendor_amount
            for _vendor, refund_line_id, quantity, amount, vendor_part in refunds.get(vendor, ()):
                store_part = amount - vendor_part
                self.rows["payout_items"].append((self._next("payout_items"), payout_id, "refund", None,
                                                  refund_line_id, None, quantity, -amount, -store_part, -vendor_part))
                refunded += amount
                commission -= store_part
                vendor_amount -= vendor_part
            stamp = ts(created)
            self.rows["payouts"].append((
                payout_id, payout_no, vendor, day(first), day(last), "paid", stamp, MANAGER_ID, stamp, MANAGER_ID,
                stamp, MANAGER_ID, "transfer", f"TRF-{payout_id:08d}", day(paid_on), units, gross, refunded,
                commission, 0, vendor_amount, payable(vendor_amount)))

    # -- writing -------------------------------------------------------------
    _ORDER = (("shifts", SHIFT_COLUMNS), ("sales", SALE_COLUMNS), ("sale_lines", LINE_COLUMNS),
              ("payments", PAYMENT_COLUMNS), ("refunds", REFUND_COLUMNS), ("refund_lines", REFUND_LINE_COLUMNS),
              ("stock_movements", MOVEMENT_COLUMNS), ("payouts", PAYOUT_COLUMNS), ("payout_items", ITEM_COLUMNS),
              ("journal_entries", JOURNAL_COLUMNS))

    def _flush(self) -> None:
        for table, columns in self._ORDER:
            if self.rows[table]:
                self.sink.insert(table, columns, self.rows[table])
        self.rows.clear()

    def finish(self, first_day: date, open_day: date) -> None:
        """Opening stock for what was sold, the stock cache, the counters and today's open shift."""
        ts = self.sink.ts
        received = ts(local_moment(first_day, 6 * 3600))
        stock = []
        for index, sold in enumerate(self.sold):
            extra = self.rng.randrange(0, 5001) if self.cat.measure[index] == "weight" else self.rng.randrange(0, 41)
            quantity = max(sold, 0) + extra
            if quantity:
                self.rows["stock_movements"].append((self._next("stock_movements"), index + 1, "received", quantity,
                                                     received, None, None, MANAGER_ID, "stok awal"))
            stock.append((quantity - sold, index + 1))
        shift = self._next("shifts")
        cashier = CASHIER_IDS[0]
        self.rows["shifts"].append((shift, TERMINAL, cashier, NAMES[cashier], ts(local_moment(open_day, 7.75 * 3600)),
                                    OPENING_FLOAT, "open", None, None, None, None))
        self._flush()
        self.sink.update_stock(stock)
        self.counters.setdefault("instore-code", 0)  # no in-store codes handed out yet
        self.sink.insert("counters", ("name", "value"), sorted(self.counters.items()))
