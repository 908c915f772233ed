"""The raw baselines: the minimal equivalent work done with plain ``sqlite3`` or ``psycopg``.

Same database file or server, same durability as the program (SQLite: WAL,
``synchronous=FULL``, foreign keys on, ``BEGIN IMMEDIATE`` for writes;
PostgreSQL: the server's defaults, ``synchronous_commit`` on), no ORM and no
pool: one connection, the statements and nothing else.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime, timezone

from sqlalchemy.engine import make_url

LOOKUP_SQL = ("SELECT id, barcode, name, price, measure, unit, stock_on_hand, active FROM products "
              "WHERE barcode = ?")


class RawDb:
    """One DB-API connection in autocommit mode; transactions are begun and committed explicitly."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.sqlite = parsed.get_backend_name() == "sqlite"
        if self.sqlite:
            import sqlite3

            self.conn = sqlite3.connect(parsed.database, isolation_level=None, check_same_thread=False)
            for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
                self.conn.execute(f"PRAGMA {pragma}")
        else:
            import psycopg

            self.conn = psycopg.connect(parsed.set(drivername="postgresql").render_as_string(hide_password=False),
                                        autocommit=True)
        self.cursor = self.conn.cursor()
        self.print_jobs = False  # set by prepare_sales

    def sql(self, statement: str) -> str:
        return statement if self.sqlite else statement.replace("?", "%s")

    def ts(self, moment: datetime):
        if self.sqlite:
            return f"{moment.astimezone(timezone.utc):%Y-%m-%d %H:%M:%S.%f}"
        return moment

    def execute(self, statement: str, params: tuple = ()):
        self.cursor.execute(self.sql(statement), params)
        return self.cursor

    def all(self, statement: str, params: tuple = ()) -> list:
        return self.execute(statement, params).fetchall()

    def close(self) -> None:
        self.conn.close()

    # -- 1: the indexed lookup --------------------------------------------------
    def lookup(self, code: str):
        return self.execute(LOOKUP_SQL, (code,)).fetchone()

    # -- 3: a sale's rows in one transaction ------------------------------------
    def prepare_sales(self, terminal: str) -> None:
        conflict = "INSERT OR IGNORE INTO counters (name, value) VALUES (?, 0)" if self.sqlite else \
            "INSERT INTO counters (name, value) VALUES (?, 0) ON CONFLICT (name) DO NOTHING"
        self.execute(conflict, (f"receipt:{terminal}",))
        tables = ("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'print_jobs'" if self.sqlite else
                  "SELECT tablename FROM pg_tables WHERE tablename = 'print_jobs'")
        self.print_jobs = bool(self.all(tables))  # the receipt print queue (migration 0005): checkout writes a job

    def write_sale(self, terminal: str, cashier: tuple[int, str], products: list[tuple], key: bytes,
                   body_template: str) -> int:
        """The rows checkout writes for a cash sale of one piece of each of ``products``, committed once.

        ``products``: (id, barcode, name, price, vendor_id, vendor_code, vendor_name, terms, harga_setor,
        commission_pct).  Writes: the receipt counter, the sale, its lines, a ``sold`` stock movement and
        the stock cache update per line, the payment, the receipt's print job (when the database has the
        print queue), the journal counter and the journal entry.
        """
        cashier_id, cashier_name = cashier
        now = self.ts(datetime.now(timezone.utc))
        total = sum(p[3] for p in products)
        self.execute("BEGIN IMMEDIATE" if self.sqlite else "BEGIN")
        number = self.execute("UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value",
                              (f"receipt:{terminal}",)).fetchone()[0]
        receipt = f"{terminal}-{number:06d}"
        sale_id = self.execute(
            "INSERT INTO sales (receipt_no, terminal, number, cashier_id, cashier_name, created_at, subtotal, "
            "discount, total, paid, change, status, channel, discount_reason, approver_name) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 0, 'completed', 'till', '', '') RETURNING id",
            (receipt, terminal, number, cashier_id, cashier_name, now, total, total, total)).fetchone()[0]
        self.cursor.executemany(self.sql(
            "INSERT INTO sale_lines (sale_id, line_no, product_id, barcode, product_name, measure, quantity, "
            "unit_price, line_total, discount, sale_discount_share, vendor_id, vendor_code, vendor_name, terms, "
            "harga_setor, commission_pct, discount_reason) "
            "VALUES (?, ?, ?, ?, ?, 'unit', 1, ?, ?, 0, 0, ?, ?, ?, ?, ?, ?, '')"),
            [(sale_id, n, p[0], p[1], p[2], p[3], p[3], p[4], p[5], p[6], p[7], p[8], p[9])
             for n, p in enumerate(products, start=1)])
        ordered = sorted(p[0] for p in products)
        self.cursor.executemany(self.sql(
            "INSERT INTO stock_movements (product_id, kind, quantity, created_at, sale_id, user_id, reference) "
            "VALUES (?, 'sold', -1, ?, ?, ?, ?)"), [(pid, now, sale_id, cashier_id, receipt) for pid in ordered])
        self.cursor.executemany(self.sql("UPDATE products SET stock_on_hand = stock_on_hand - 1 WHERE id = ?"),
                                [(pid,) for pid in ordered])
        self.execute("INSERT INTO payments (sale_id, method, amount, tendered, reference) VALUES (?, 'cash', ?, ?, '')",
                     (sale_id, total, total))
        if self.print_jobs:
            self.execute("INSERT INTO print_jobs (created_at, terminal, kind, ref, copy, kick_drawer, status, "
                         "attempts, last_error) VALUES (?, ?, 'sale', ?, ?, ?, 'queued', 0, '')",
                         (now, terminal, receipt, False, True))
        seq = self.execute("UPDATE counters SET value = value + 1 WHERE name = 'journal' RETURNING value"
                           ).fetchone()[0]
        prev = self.execute("SELECT mac FROM journal_entries WHERE seq = ?", (seq - 1,)).fetchone()
        prev_mac = prev[0] if prev else "0" * 64
        body = body_template.replace("@SEQ@", str(seq)).replace("@RECEIPT@", receipt)
        mac = hmac.new(key, f"{prev_mac}\n{body}".encode(), hashlib.sha256).hexdigest()
        self.execute("INSERT INTO journal_entries (seq, created_at, kind, terminal, user_id, user_name, "
                     "approver_name, ref, body, prev_mac, mac) VALUES (?, ?, 'sale', ?, ?, ?, '', ?, ?, ?, ?)",
                     (seq, now, terminal, cashier_id, cashier_name, receipt, body, prev_mac, mac))
        self.execute("COMMIT")
        return sale_id

    # -- 4: the day's settlement aggregate and the year's full scan --------------
    def settlement_day(self, start: datetime, end: datetime) -> list:
        """Per vendor: lines, pieces, net and vendor share of the day's unsettled lines; then its refunds."""
        lines = self.all(
            "SELECT sl.vendor_id, count(*), sum(CASE WHEN sl.measure = 'weight' THEN 1 ELSE sl.quantity END), "
            "sum(sl.line_total - sl.sale_discount_share), "
            "sum(CASE WHEN sl.terms = 'harga_setor' THEN sl.quantity * sl.harga_setor "
            "ELSE (sl.line_total - sl.sale_discount_share) "
            "- ((sl.line_total - sl.sale_discount_share) * coalesce(sl.commission_pct, 0) + 50) / 100 END) "
            "FROM sales s JOIN sale_lines sl ON sl.sale_id = s.id "
            "WHERE s.created_at >= ? AND s.created_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM payout_items pi WHERE pi.sale_line_id = sl.id) "
            "GROUP BY sl.vendor_id", (self.ts(start), self.ts(end)))
        refunds = self.all(
            "SELECT rl.vendor_id, count(*), sum(rl.amount) FROM refunds r JOIN refund_lines rl ON rl.refund_id = r.id "
            "WHERE r.created_at >= ? AND r.created_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM payout_items pi WHERE pi.refund_line_id = rl.id) GROUP BY rl.vendor_id",
            (self.ts(start), self.ts(end)))
        return [lines, refunds]

    def year_scan(self, start: datetime, end: datetime) -> list:
        """The dashboard's essential sums in one pass each: by quarter hour of the day, per product and
        vendor, per payment method, refunds per method."""
        bounds = (self.ts(start), self.ts(end))
        quarter = ("CAST(substr(created_at, 12, 2) AS INTEGER) * 4 + CAST(substr(created_at, 15, 2) AS INTEGER) / 15"
                   if self.sqlite else "mod(CAST(floor(extract(epoch FROM created_at) / 900) AS bigint), 96)")
        return [
            self.all(f"SELECT {quarter} AS q, count(*), sum(subtotal), sum(discount), sum(total) FROM sales "
                     "WHERE created_at >= ? AND created_at < ? GROUP BY q", bounds),
            self.all("SELECT sl.product_id, sl.vendor_id, count(*), sum(sl.quantity), sum(sl.discount), "
                     "sum(sl.line_total - sl.sale_discount_share) FROM sale_lines sl JOIN sales s ON s.id = sl.sale_id "
                     "WHERE s.created_at >= ? AND s.created_at < ? GROUP BY sl.product_id, sl.vendor_id", bounds),
            self.all("SELECT p.method, count(*), sum(p.amount) FROM payments p JOIN sales s ON s.id = p.sale_id "
                     "WHERE s.created_at >= ? AND s.created_at < ? GROUP BY p.method", bounds),
            self.all("SELECT method, count(*), sum(total) FROM refunds WHERE created_at >= ? AND created_at < ? "
                     "GROUP BY method", bounds),
        ]
