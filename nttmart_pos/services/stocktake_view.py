"""Reading a stok opname: which products it covers, expected against counted,
and the totals; the writing side is ``services.stocktake``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from nttmart_pos.db.inventory_models import StockTake, StockTakeCount
from nttmart_pos.db.models import Product, StockMovement, User, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.stocktake import CountRow, StockTakeSummary, summarize
from nttmart_pos.errors import NotFoundError
from nttmart_pos.i18n import _


@dataclass(frozen=True)
class StockTakeInfo:
    number: str
    scope: str  # "all", "vendor" (scope_value = vendor code) or "category"
    scope_value: str
    scope_label: str  # for people: "Semua barang", "UMKM KOPI01 Kopi Bajawa Flores", "Kategori Kopi"
    status: str  # "open", "posted" or "cancelled"
    started_at: datetime
    started_by: str
    posted_at: datetime | None  # posted or cancelled at
    posted_by: str
    reason: str
    products_counted: int


@dataclass(frozen=True)
class StockTakeView:
    info: StockTakeInfo
    rows: tuple[CountRow, ...]  # every active product in scope, and anything counted; by vendor, then name
    summary: StockTakeSummary


def open_stocktake(uow: UnitOfWork) -> StockTakeInfo | None:
    """The stock take being counted now, if any."""
    with uow:
        take = uow.session.scalar(select(StockTake).where(StockTake.status == "open")
                                  .order_by(StockTake.id).limit(1))
        return None if take is None else take_info(uow.session, take)


def stocktake_view(uow: UnitOfWork, stocktake_no: str) -> StockTakeView:
    """Expected against counted for every product of the stock take, with totals."""
    with uow:
        session = uow.session
        take = find_take(session, stocktake_no)
        products = scope_products(session, take)
        rows = count_rows(session, take, products)
        return StockTakeView(take_info(session, take), rows, summarize(rows, len(products)))


def in_scope(take: StockTake, product: Product, vendor: Vendor) -> bool:
    if take.scope == "vendor":
        return vendor.code == take.scope_value
    if take.scope == "category":
        return product.category.strip().casefold() == take.scope_value.casefold()
    return True


def scope_products(session: Session, take: StockTake, *, lock: bool = False) -> list[tuple[Product, Vendor]]:
    """The active products the stock take covers (locked against sales with ``lock``)."""
    statement = select(Product, Vendor).join(Vendor).where(Product.active.is_(True))
    if take.scope == "vendor":
        statement = statement.where(Vendor.code == take.scope_value)
    if lock:
        statement = statement.with_for_update(of=Product)
    return [(p, v) for p, v in session.execute(statement) if in_scope(take, p, v)]


def find_take(session: Session, number: str, *, lock: str | None = None) -> StockTake:
    statement = select(StockTake).where(StockTake.number == str(number).strip().upper())
    if lock:
        statement = statement.with_for_update(read=lock == "share")
    take = session.scalar(statement)
    if take is None:
        raise NotFoundError(_("Stok opname {number} tidak ditemukan", number=number))
    return take


def ledger_stocks(session: Session, product_ids: list[int]) -> dict[int, int]:
    """Ledger sums of many products in a few queries (``services.stock.ledger_stock`` is one product)."""
    stocks: dict[int, int] = {}
    for start in range(0, len(product_ids), 500):  # keep the IN list within every backend's limits
        chunk = product_ids[start:start + 500]
        stocks.update((pid, int(total)) for pid, total in session.execute(
            select(StockMovement.product_id, func.sum(StockMovement.quantity))
            .where(StockMovement.product_id.in_(chunk)).group_by(StockMovement.product_id)))
    return stocks


def count_rows(session: Session, take: StockTake, scoped: list[tuple[Product, Vendor]]) -> tuple[CountRow, ...]:
    """A row for every product of ``scoped`` and every product counted, sorted by vendor, then name."""
    counts = {c.product_id: c for c in session.scalars(
        select(StockTakeCount).where(StockTakeCount.stock_take_id == take.id))}
    products = {p.id: (p, v) for p, v in scoped}
    missing = counts.keys() - products.keys()  # counted, then deactivated or moved out of scope
    if missing:
        products.update((p.id, (p, v)) for p, v in session.execute(
            select(Product, Vendor).join(Vendor).where(Product.id.in_(missing))))
    stocks = ledger_stocks(session, list(products))
    rows = [product_row(p, v, counts.get(pid), stocks.get(pid, 0)) for pid, (p, v) in products.items()]
    return tuple(sorted(rows, key=lambda r: (r.vendor_code, r.name.casefold(), r.product_id)))


def product_row(product: Product, vendor: Vendor, count: StockTakeCount | None, stock_now: int) -> CountRow:
    return CountRow(
        product_id=product.id, barcode=product.barcode, name=product.name, vendor_code=vendor.code,
        vendor_name=vendor.name, category=product.category, unit=product.unit, measure=product.measure,
        price=product.price, expected=count.expected if count else stock_now,
        counted=count.counted if count else 0, is_counted=count is not None, stock_now=stock_now,
        first_counted_at=count.first_counted_at if count else None,
        last_counted_at=count.last_counted_at if count else None,
    )


def scope_label(session: Session, take: StockTake) -> str:
    if take.scope == "vendor":
        name = session.scalar(select(Vendor.name).where(Vendor.code == take.scope_value)) or ""
        return _("UMKM {code} {name}", code=take.scope_value, name=name).strip()
    if take.scope == "category":
        return _("Kategori {category}", category=take.scope_value)
    return _("Semua barang")


def _user_name(session: Session, user_id: int | None) -> str:
    if user_id is None:
        return ""
    return session.scalar(select(User.full_name).where(User.id == user_id)) or ""


def take_info(session: Session, take: StockTake) -> StockTakeInfo:
    counted = session.scalar(select(func.count()).select_from(StockTakeCount)
                             .where(StockTakeCount.stock_take_id == take.id))
    return StockTakeInfo(
        number=take.number, scope=take.scope, scope_value=take.scope_value,
        scope_label=scope_label(session, take), status=take.status, started_at=take.started_at,
        started_by=_user_name(session, take.started_by), posted_at=take.posted_at,
        posted_by=_user_name(session, take.posted_by), reason=take.reason, products_counted=int(counted or 0),
    )
