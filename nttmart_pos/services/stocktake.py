"""Stok opname (stock take): counting the shelves while the till keeps selling,
then booking the differences as ``adjusted`` movements of the stock ledger.

How a sale during the count is handled (the choice issue 3 asks for): the till
is never blocked.  Each product is compared with the ledger stock *at the
moment that product was first counted* in this stock take; that figure is
snapshotted on the first scan (``StockTakeCount.expected``).  Posting books
``counted - expected``.  Whatever the ledger recorded for the product after
its first count (sales, refunds, intakes) is already in the ledger and stays
there, so after posting the stock is "what was counted, plus what moved
since" -- what the shelf holds now.

Example.  The ledger says 20 Kopi Bajawa.  At 09:00 a cashier scans the first
packet on the shelf: expected = 20 is snapshotted; she counts 18 (two are
missing).  At 09:05 the till sells one packet: the ledger goes to 19.  At
10:00 the manager posts: 18 - 20 = -2 is booked, the ledger goes to 17, which
is the 18 counted less the 1 sold.  The sale is not a shortage.  Madu is sold
at 09:05 (ledger 10 -> 9) and first counted at 09:30: the snapshot is 9, the
shelf holds 9, nothing is booked.

Why not "expected now = snapshot + movements since the first count"?  That sum
is simply the ledger stock at posting time (19); comparing it with the 18
counted before the sale books -1 instead of -2: the sold packet stays in the
books (with nothing missing it would even show as a surplus).  Comparing the count and the ledger at the same moment
is the fair comparison, and the snapshot gives it without clock arithmetic
(no timestamps of two transactions are compared).  The one case it cannot
know: a unit sold *between* the first and the last scan of the same product
that had not been scanned yet shows as a shortage of one -- so count one
product in one go.  ``set_to`` corrects the figure of that same count (the
snapshot stays); ``reset_count`` drops a product's count so that a recount
later takes a fresh snapshot.

Any user may count (cashiers help); starting, posting and cancelling need
``MANAGE_STOCK`` and are journalled (``stock.take_start``, ``stock.take``
with the counted lines and differences, ``stock.take_cancel``).  At most one
stock take is open at a time.  ``posted_at`` and
``posted_by`` also record who closed a cancelled stock take.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import StockTake, StockTakeCount
from nttmart_pos.db.models import Product, Vendor, utcnow
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.stocktake import (
    CountRow,
    StockTakeSummary,
    check_added,
    check_count,
    stocktake_number,
    summarize,
)
from nttmart_pos.errors import NotFoundError, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.counters import next_value
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import MANAGE_STOCK, require
from nttmart_pos.services.stock import ledger_stock, record_movement
from nttmart_pos.services.stocktake_view import (
    StockTakeInfo,
    StockTakeView,
    count_rows,
    find_take,
    in_scope,
    ledger_stocks,
    open_stocktake,
    product_row,
    scope_label,
    scope_products,
    stocktake_view,
    take_info,
)

# The screen imports everything from here, the reading side included.
__all__ = ["SCOPES", "UNCOUNTED_MODES", "CountRow", "PostResult", "StockTakeInfo", "StockTakeSummary",
           "StockTakeView", "cancel_stocktake", "count_item", "open_stocktake", "post_stocktake", "reset_count",
           "start_stocktake", "stocktake_view"]

SCOPES = ("all", "vendor", "category")
UNCOUNTED_MODES = ("ignore", "zero")


@dataclass(frozen=True)
class PostResult:
    info: StockTakeInfo
    adjustments: tuple[CountRow, ...]  # the rows booked (non-zero difference); stock_now is before posting
    summary: StockTakeSummary


def start_stocktake(uow: UnitOfWork, user: UserInfo, scope: str = "all", scope_value: str = "", *,
                    now: datetime | None = None) -> StockTakeInfo:
    """Open a stock take of every product, one vendor's (by code) or one category's."""
    require(user, MANAGE_STOCK)
    if scope not in SCOPES:
        raise ValidationError(_("Cakupan stok opname tidak dikenal: {scope}", scope=scope))
    now = now or utcnow()
    with uow:
        session = uow.session
        value = _checked_scope_value(session, scope, scope_value)
        year = now.astimezone().year
        # Drawing the number first takes the counter's row lock (PostgreSQL),
        # so two managers starting at once queue here and the second one sees
        # the first one's stock take below.
        number = stocktake_number(year, next_value(session, f"stocktake:{year}"))
        already = session.scalar(select(StockTake).where(StockTake.status == "open").limit(1))
        if already is not None:
            raise ValidationError(_("Stok opname {number} masih terbuka: posting atau batalkan dulu sebelum "
                                    "memulai yang baru", number=already.number))
        take = StockTake(number=number, scope=scope, scope_value=value, status="open", started_at=now,
                         started_by=user.id, reason="")
        session.add(take)
        session.flush()
        info = take_info(session, take)
        append(session, "stock.take_start", {"scope": scope, "scope_value": value}, user=user, ref=number)
        uow.commit()
        return info


def count_item(uow: UnitOfWork, stocktake_no: str, code_or_product_id: str | int, quantity: int = 1, *,
               set_to: int | None = None, now: datetime | None = None) -> CountRow:
    """Count a product: a scan adds one, a typed ``quantity`` adds that many (negative takes back).

    ``code_or_product_id`` is a scanned code (looked up like at the till; a
    scale label adds its grams per label) or a product id (from a search; a
    weighed product's quantity is then in grams).  ``set_to`` replaces the
    count so far.  The first count of a product snapshots its expected stock.
    """
    if set_to is not None:
        set_to = check_count(set_to)
    else:
        quantity = check_added(quantity)
    if isinstance(code_or_product_id, str):
        found = product_for_scan(uow, code_or_product_id)
        product_id = found.product.product_id
        if found.grams is not None:
            quantity *= found.grams
    elif isinstance(code_or_product_id, int) and not isinstance(code_or_product_id, bool):
        product_id = code_or_product_id
    else:
        raise ValidationError(_("Barang tidak dikenal: {code}", code=code_or_product_id))
    now = now or utcnow()
    with uow:
        session = uow.session
        take = _open_take(session, stocktake_no, shared=True)
        product, vendor = _product(session, product_id)
        if not product.active:
            raise NotFoundError(_("Barang {name} sudah tidak aktif dijual", name=product.name))
        if not in_scope(take, product, vendor):
            raise ValidationError(_("{name} ({vendor}) tidak termasuk stok opname {number}: {scope}",
                                    name=product.name, vendor=vendor.code, number=take.number,
                                    scope=scope_label(session, take)))
        count = _count_for_update(session, take.id, product.id, now)
        new = set_to if set_to is not None else count.counted + quantity
        if new < 0:
            raise ValidationError(_("Hitungan {name} tidak boleh kurang dari nol (sekarang {counted})",
                                    name=product.name, counted=count.counted))
        count.counted = new
        count.last_counted_at = now
        session.flush()
        row = product_row(product, vendor, count, ledger_stock(session, product.id))
        uow.commit()
        return row


def reset_count(uow: UnitOfWork, stocktake_no: str, product_id: int) -> None:
    """Forget a product's count, so that a recount takes a fresh snapshot of its stock."""
    with uow:
        take = _open_take(uow.session, stocktake_no, shared=True)
        count = uow.session.scalar(select(StockTakeCount).where(StockTakeCount.stock_take_id == take.id,
                                                                 StockTakeCount.product_id == product_id))
        if count is not None:
            uow.session.delete(count)
        uow.commit()


def post_stocktake(uow: UnitOfWork, user: UserInfo, stocktake_no: str, reason: str, *,
                   uncounted: str = "ignore", now: datetime | None = None) -> PostResult:
    """Book every counted difference as an ``adjusted`` movement and close the stock take.

    With ``uncounted="zero"`` every active product in scope that nobody
    counted is taken as counted 0 (not on the shelf); with ``"ignore"`` its
    stock is left alone.  All or nothing.
    """
    require(user, MANAGE_STOCK)
    if uncounted not in UNCOUNTED_MODES:
        raise ValidationError(_("Pilihan untuk barang yang belum dihitung tidak dikenal: {value}",
                                value=uncounted))
    reason = reason.strip() if isinstance(reason, str) else ""
    if not reason:
        raise ValidationError(_("Alasan penyesuaian stok opname wajib diisi"))
    now = now or utcnow()
    with uow:
        session = uow.session
        take = _open_take(session, stocktake_no, shared=False)
        if uncounted == "zero":
            _count_missing_as_zero(session, take, now)
        products = scope_products(session, take)
        rows = count_rows(session, take, products)
        booked = tuple(row for row in rows if row.difference)
        for row in sorted(booked, key=lambda r: r.product_id):
            record_movement(session, row.product_id, "adjusted", row.difference, user_id=user.id,
                            reference=take.number)
        take.status = "posted"
        take.posted_at = now
        take.posted_by = user.id
        take.reason = reason
        session.flush()
        result = PostResult(take_info(session, take), booked, summarize(rows, len(products)))
        append(session, "stock.take", {
            "reason": reason, "mode": uncounted, "uncounted": sum(1 for row in rows if not row.is_counted),
            "lines": [{"barcode": row.barcode, "expected": row.expected, "counted": row.counted,
                       "difference": row.difference} for row in rows if row.is_counted],
        }, user=user, ref=take.number)
        uow.commit()
        return result


def cancel_stocktake(uow: UnitOfWork, user: UserInfo, stocktake_no: str, reason: str = "", *,
                     now: datetime | None = None) -> StockTakeInfo:
    """Close an open stock take without booking anything; its counts stay for the record."""
    require(user, MANAGE_STOCK)
    with uow:
        session = uow.session
        take = _open_take(session, stocktake_no, shared=False)
        take.status = "cancelled"
        take.posted_at = now or utcnow()
        take.posted_by = user.id
        take.reason = reason.strip() if isinstance(reason, str) else ""
        session.flush()
        info = take_info(session, take)
        append(session, "stock.take_cancel", {"reason": take.reason}, user=user, ref=take.number)
        uow.commit()
        return info


def _checked_scope_value(session: Session, scope: str, value: str) -> str:
    value = (value or "").strip()
    if scope == "all":
        return ""
    if scope == "vendor":
        code = session.scalar(select(Vendor.code).where(Vendor.code == value.upper()))
        if code is None:
            raise NotFoundError(_("UMKM dengan kode {code} tidak ada", code=value))
        return code
    if not value:
        raise ValidationError(_("Pilih kategori untuk stok opname per kategori"))
    categories = session.scalars(select(Product.category).where(Product.active.is_(True)).distinct())
    found = next((c for c in categories if c.strip().casefold() == value.casefold()), None)
    if found is None:
        raise NotFoundError(_("Tidak ada barang aktif dengan kategori {category}", category=value))
    return found.strip()


def _open_take(session: Session, number: str, *, shared: bool) -> StockTake:
    """The stock take, locked: counters share the lock, posting or cancelling takes it alone."""
    take = find_take(session, number, lock="share" if shared else "update")
    if take.status == "posted":
        raise ValidationError(_("Stok opname {number} sudah diposting dan tidak dapat diubah lagi",
                                number=take.number))
    if take.status == "cancelled":
        raise ValidationError(_("Stok opname {number} sudah dibatalkan", number=take.number))
    return take


def _product(session: Session, product_id: int) -> tuple[Product, Vendor]:
    row = session.execute(select(Product, Vendor).join(Vendor).where(Product.id == product_id)).first()
    if row is None:
        raise NotFoundError(_("Barang dengan id {id} tidak ada", id=product_id))
    return row[0], row[1]


def _count_for_update(session: Session, take_id: int, product_id: int, now: datetime) -> StockTakeCount:
    """The product's count row, created with the ledger snapshot on the first count, locked."""
    where = (StockTakeCount.stock_take_id == take_id, StockTakeCount.product_id == product_id)
    count = session.scalar(select(StockTakeCount).where(*where).with_for_update())
    if count is None:
        # Two counters may scan the same product at once: the loser of the
        # insert waits for the winner and then adds to the winner's row.
        insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        session.execute(insert(StockTakeCount).values(
            stock_take_id=take_id, product_id=product_id, counted=0, expected=ledger_stock(session, product_id),
            first_counted_at=now, last_counted_at=now,
        ).on_conflict_do_nothing(index_elements=["stock_take_id", "product_id"]))
        count = session.scalars(select(StockTakeCount).where(*where).with_for_update()).one()
    return count


def _count_missing_as_zero(session: Session, take: StockTake, now: datetime) -> None:
    counted = set(session.scalars(select(StockTakeCount.product_id)
                                  .where(StockTakeCount.stock_take_id == take.id)))
    # Locking the products holds back a sale of them until this posting
    # commits, so the stock read here is the one the adjustment cancels.
    missing = [p.id for p, _v in scope_products(session, take, lock=True) if p.id not in counted]
    stocks = ledger_stocks(session, missing)
    for product_id in missing:
        session.add(StockTakeCount(stock_take_id=take.id, product_id=product_id, counted=0,
                                   expected=stocks.get(product_id, 0), first_counted_at=now, last_counted_at=now))
    session.flush()


