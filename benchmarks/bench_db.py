"""Budgets 1, 3 and 4: the barcode lookup, committing a sale, the day's settlement and the year's dashboard,
each against its raw baseline, run alternately with it so both see the same load."""

from __future__ import annotations

from sqlalchemy import event, select, text

from benchmarks.context import RunContext
from benchmarks.stats import Figure, summary, time_pairs
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.cart import Cart, CartProduct, PaymentEntry
from nttmart_pos.domain.periods import period_bounds
from nttmart_pos.domain.users import UserInfo
from nttmart_pos.services.catalog import product_for_scan
from nttmart_pos.services.checkout import checkout
from nttmart_pos.services.dashboard import dashboard
from nttmart_pos.services.settlement import settlement_figures
from nttmart_pos.services.settlement_totals import settlement_totals

CASHIER = UserInfo(4, "kasir", "Maria Bria", "cashier")  # benchmarks.catalog_rows.USERS
TERMINAL, RAW_TERMINAL = "T01", "RAW"


def _pair_figure(figure_id: str, title: str, ours: list[float], raw: list[float], label: str, limit: float,
                 **details) -> Figure:
    mine, base = summary(ours), summary(raw)
    return Figure(figure_id, title, "ms", mine["median"], base["median"], label, limit,
                  value_p99=mine["p99"], baseline_p99=base["p99"], details={"ours": mine, "raw": base, **details})


# -- 1 ---------------------------------------------------------------------------
def lookup(ctx: RunContext) -> Figure:
    """``services.catalog.product_for_scan`` against one indexed SELECT on a held connection."""
    codes = ctx.rng.choices(ctx.unit_codes(), k=ctx.scale.lookups)
    engine, raw = ctx.engine, ctx.raw

    def ours(i: int) -> None:
        product_for_scan(UnitOfWork(engine), codes[i])

    ours_ms, raw_ms = time_pairs(ours, lambda i: raw.lookup(codes[i]), len(codes), warmup=20)
    top = ctx.profile("1_lookup", lambda: [ours(i) for i in range(min(len(codes), 2000))])
    return _pair_figure("1_lookup", "Barcode lookup", ours_ms, raw_ms, "raw indexed SELECT", 3.0,
                        products=ctx.dataset.meta["products"], profile=top)


# -- 3 ---------------------------------------------------------------------------
def _sale_products(ctx: RunContext, count: int) -> list[list[tuple]]:
    """``count`` sales of three different piece products each, with what a sale line snapshots."""
    with ctx.engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT p.id, p.barcode, p.name, p.price, v.id, v.code, v.name, v.terms, p.harga_setor, "
            "p.commission_pct, v.commission_pct, p.unit FROM products p JOIN vendors v ON v.id = p.vendor_id "
            "WHERE p.measure = 'unit' AND p.active = :yes"), {"yes": True}).all()
    sales = []
    for _ in range(count):
        picked = ctx.rng.sample(rows, 3)
        sales.append([(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7],
                       r[8] if r[7] == "harga_setor" else None,
                       None if r[7] == "harga_setor" else (r[9] if r[9] is not None else (r[10] or 0)), r[11])
                      for r in picked])
    return sales


def _body_template(ctx: RunContext) -> str:
    """The body of the last sale the program journalled, its number and receipt made placeholders (same size)."""
    with UnitOfWork(ctx.engine) as uow:
        entry = uow.session.scalars(select(JournalEntry).where(JournalEntry.kind == "sale")
                                    .order_by(JournalEntry.seq.desc()).limit(1)).one()
        return entry.body.replace(f'"seq":{entry.seq},', '"seq":@SEQ@,').replace(entry.ref, "@RECEIPT@")


def checkout_sale(ctx: RunContext) -> Figure:
    """``services.checkout.checkout`` of a 3-line cash sale against the raw transaction writing the same rows."""
    engine, raw = ctx.engine, ctx.raw
    count = ctx.scale.checkouts
    warmup = 3
    sales = _sale_products(ctx, count + warmup + 1)
    statements: list[int] = []
    commits: list[int] = []

    def count_statement(*_args) -> None:
        statements[-1] += 1

    def count_commit(*_args) -> None:
        commits[-1] += 1

    event.listen(engine, "before_cursor_execute", count_statement)
    event.listen(engine, "commit", count_commit)

    def ours(i: int) -> None:
        cart = Cart()
        for p in sales[i]:
            cart.add(CartProduct(p[0], p[1], p[2], p[3], "unit", p[10]))
        statements.append(0)
        commits.append(0)
        checkout(UnitOfWork(engine, write=True), cart, [PaymentEntry("cash", cart.total)], CASHIER, TERMINAL)

    try:
        ours(count + warmup)  # a sale of ours first: its journal body is the raw baseline's template
        template = _body_template(ctx)
        raw.prepare_sales(RAW_TERMINAL)
        ours_ms, raw_ms = time_pairs(
            ours, lambda i: raw.write_sale(RAW_TERMINAL, (CASHIER.id, CASHIER.full_name), sales[i], ctx.dataset.key,
                                           template), count, warmup=warmup)
    finally:
        event.remove(engine, "before_cursor_execute", count_statement)
        event.remove(engine, "commit", count_commit)
    measured_statements, measured_commits = statements[-count:], commits[-count:]
    top = ctx.profile("3_checkout", lambda: [ours(i) for i in range(min(count, 50))])
    return _pair_figure(
        "3_checkout", "Commit a 3-line sale, one payment", ours_ms, raw_ms, "raw transaction, same rows", 5.0,
        statements_per_sale=sorted(set(measured_statements)), commits_per_sale=sorted(set(measured_commits)),
        one_commit_per_sale=set(measured_commits) == {1}, profile=top,
        raw_calls_per_sale=f"{12 if raw.print_jobs else 11} (BEGIN..COMMIT; lines, movements and stock updates "
                           "as executemany of 3)", raw_writes_print_job=raw.print_jobs,
        durability="SQLite: WAL, synchronous=FULL, BEGIN IMMEDIATE" if raw.sqlite else "PostgreSQL defaults "
        "(synchronous_commit on)")


# -- 4 ---------------------------------------------------------------------------
def settlement_day(ctx: RunContext) -> Figure:
    """The day-end summary's figures for every vendor (``settlement_totals``, what the *Setoran* tab shows for
    the last day of a year) against the day's raw per-vendor aggregate (index on created_at).  The line-by-line
    figures a payout and its PDF are built from (``settlement_figures``) are timed too, as a detail."""
    day = ctx.dataset.last_day
    start, end = period_bounds(day, day)
    engine, raw = ctx.engine, ctx.raw
    found = settlement_totals(UnitOfWork(engine), day, day)
    lines = settlement_figures(UnitOfWork(engine), day, day)
    assert [(t.vendor_code, t.units, t.gross, t.commission, t.balance) for t in found] == \
        [(f.vendor_code, f.units, f.gross, f.commission, f.balance) for f in lines], "totals differ from the lines"
    ours_ms, raw_ms = time_pairs(lambda i: settlement_totals(UnitOfWork(engine), day, day),
                                 lambda i: raw.settlement_day(start, end), ctx.scale.report_repeats * 3, warmup=2)
    lines_ms, lines_raw_ms = time_pairs(lambda i: settlement_figures(UnitOfWork(engine), day, day),
                                        lambda i: raw.settlement_day(start, end), ctx.scale.report_repeats, warmup=1)
    top = ctx.profile("4_settlement_day", lambda: settlement_totals(UnitOfWork(engine), day, day))
    return _pair_figure("4_settlement_day", "Day-end settlement figures, all vendors", ours_ms, raw_ms,
                        "raw per-vendor aggregate of the day", 3.0, day=day.isoformat(), vendors=len(found),
                        lines=sum(len(f.sales) for f in lines),
                        line_by_line={"ours": summary(lines_ms), "raw": summary(lines_raw_ms),
                                      "what": "settlement_figures: every open line as an object (payout, PDF)"},
                        profile=top)


def dashboard_year(ctx: RunContext) -> Figure:
    """The manager dashboard over the whole year against one raw pass of each of its sums."""
    first, last = ctx.dataset.first_day, ctx.dataset.last_day
    start, end = period_bounds(first, last)
    engine, raw = ctx.engine, ctx.raw
    repeats = max(2, ctx.scale.report_repeats // 2)
    ours_ms, raw_ms = time_pairs(lambda i: dashboard(UnitOfWork(engine), first, last),
                                 lambda i: raw.year_scan(start, end), repeats, warmup=1)
    day_start, day_end = period_bounds(last, last)
    day_ours, day_raw = time_pairs(lambda i: dashboard(UnitOfWork(engine), last, last),
                                   lambda i: raw.year_scan(day_start, day_end), ctx.scale.report_repeats, warmup=1)
    top = ctx.profile("4_dashboard_year", lambda: dashboard(UnitOfWork(engine), first, last))
    return _pair_figure("4_dashboard_year", "Dashboard, full year", ours_ms, raw_ms, "raw full scan of the year",
                        2.0, period=f"{first}..{last}", one_day={"ours": summary(day_ours), "raw": summary(day_raw)},
                        profile=top)
