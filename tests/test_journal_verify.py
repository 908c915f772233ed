"""``verify_journal`` on SQLite and PostgreSQL: an intact day verifies, and every kind of tampering by someone
with database access (but not the key) is found and named: the entry, the receipt, the missing number."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from journal_helpers import day_of_activity, entry_count, entry_seq, tampering
from nttmart_pos.db.journal_models import JournalEntry
from nttmart_pos.db.models import Counter, Sale
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.services.journal import key_for
from nttmart_pos.services.journal_key import JOURNAL_START, ensure_key
from nttmart_pos.services.journal_verify import verify_journal
from settlement_helpers import sell


@pytest.fixture
def day(engine):
    return day_of_activity(engine)


def check(engine, key: bytes | None = None):
    return verify_journal(UnitOfWork(engine), key or key_for(engine))


def test_an_intact_journal_verifies(engine, day):
    result = check(engine)
    assert (result.ok, result.failed_seq, result.problem) == (True, None, "")
    assert result.count == entry_count(engine) >= 6


def test_an_empty_journal_verifies(engine):
    assert check(engine).ok and check(engine).count == 0


def test_an_edited_sale_line_names_the_receipt_and_its_entry(engine, day):
    receipt = day["sales"][1].receipt_no
    with tampering(engine) as conn:
        conn.execute(text("UPDATE sale_lines SET quantity = quantity + 4 WHERE line_no = 2 AND sale_id = "
                          "(SELECT id FROM sales WHERE receipt_no = :r)"), {"r": receipt})
    result = check(engine)
    seq = entry_seq(engine, "sale", receipt)
    assert (result.ok, result.failed_seq, result.count) == (False, seq, seq - 1)
    assert result.problem == (f"Penjualan {receipt} tidak sama dengan entri jurnal {seq} "
                              f"(baris 2, quantity: 1 -> 5): data diubah setelah dicatat")


def test_an_edited_sale_total_is_named(engine, day):
    receipt = day["sales"][0].receipt_no
    with tampering(engine) as conn:
        conn.execute(text("UPDATE sales SET total = total - 5000, paid = paid - 5000 WHERE receipt_no = :r"),
                     {"r": receipt})
    result = check(engine)
    assert not result.ok and result.failed_seq == entry_seq(engine, "sale", receipt)
    assert receipt in result.problem and "paid:" in result.problem


def test_an_edited_refund_is_named(engine, day):
    refund_no = day["refund"].refund_no
    with tampering(engine) as conn:
        conn.execute(text("UPDATE refund_lines SET amount = amount + 1000"))
    result = check(engine)
    seq = entry_seq(engine, "refund", refund_no)
    assert not result.ok and result.failed_seq == seq
    assert result.problem.startswith(f"Pengembalian {refund_no} tidak sama dengan entri jurnal {seq} (")


def test_an_edited_z_report_is_named(engine, day):
    z_no = day["z_report"].z_no
    with tampering(engine) as conn:
        conn.execute(text("UPDATE z_reports SET figures = replace(figures, '\"', '''')"))
    result = check(engine)
    assert not result.ok and result.failed_seq == entry_seq(engine, "z_report", z_no)
    assert f"Laporan Z {z_no} tidak sama" in result.problem and "figures_sha256" in result.problem


def test_a_deleted_sale_is_named(engine, day):
    receipt = day["sales"][2].receipt_no
    with tampering(engine) as conn:
        sale_id = conn.scalar(text("SELECT id FROM sales WHERE receipt_no = :r"), {"r": receipt})
        for table in ("stock_movements", "payments", "sale_lines"):
            conn.execute(text(f"DELETE FROM {table} WHERE sale_id = :id"), {"id": sale_id})
        conn.execute(text("DELETE FROM sales WHERE id = :id"), {"id": sale_id})
    result = check(engine)
    seq = entry_seq(engine, "sale", receipt)
    assert (result.ok, result.failed_seq) == (False, seq)
    assert result.problem == (f"Penjualan {receipt} (entri jurnal {seq}) tidak ada lagi di database: "
                              f"penjualan itu dihapus")


def test_swapped_journal_entries_break_the_chain(engine, day):
    with tampering(engine) as conn:
        rows = {seq: (body, mac) for seq, body, mac in
                conn.execute(text("SELECT seq, body, mac FROM journal_entries WHERE seq IN (3, 4)"))}
        for seq, other in ((3, 4), (4, 3)):
            conn.execute(text("UPDATE journal_entries SET body = :body, mac = :mac WHERE seq = :seq"),
                         {"body": rows[other][0], "mac": rows[other][1], "seq": seq})
    result = check(engine)
    assert (result.ok, result.failed_seq, result.count) == (False, 3, 2)
    assert result.problem == "HMAC entri 3 tidak cocok: kunci salah atau entri diubah"


def test_an_entry_rewritten_without_the_key_is_named(engine, day):
    with tampering(engine) as conn:
        conn.execute(text("UPDATE journal_entries SET body = replace(body, 'Maria Bria', 'Orang Lain') "
                          "WHERE seq = 2"))
    result = check(engine)
    assert (result.failed_seq, result.problem) == (2, "HMAC entri 2 tidak cocok: kunci salah atau entri diubah")


def test_a_column_that_disagrees_with_its_body_is_named(engine, day):
    with tampering(engine) as conn:
        conn.execute(text("UPDATE journal_entries SET user_name = 'Orang Lain' WHERE seq = 4"))
    result = check(engine)
    assert (result.ok, result.failed_seq) == (False, 4)
    assert result.problem == "Entri 4: kolom user_name berisi Orang Lain, padahal entri mencatat Maria Bria"


def test_a_deleted_journal_entry_is_named(engine, day):
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM journal_entries WHERE seq = 3"))
    result = check(engine)
    assert (result.ok, result.failed_seq, result.count) == (False, 3, 2)
    assert result.problem == "Entri 3 hilang dari jurnal (setelah entri 2 langsung entri 4)"


def test_a_deleted_first_entry_is_named(engine, day):
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM journal_entries WHERE seq = 1"))
    result = check(engine)
    assert (result.ok, result.failed_seq, result.count) == (False, 1, 0)
    assert result.problem == "Entri 1 hilang dari jurnal (jurnal dimulai dari entri 2)"


def test_a_counter_set_back_is_named(engine, day):
    last = entry_count(engine)
    with tampering(engine) as conn:
        conn.execute(text("UPDATE counters SET value = 2 WHERE name = 'journal'"))
    result = check(engine)
    assert (result.ok, result.failed_seq) == (False, last)
    assert result.problem == f"Penghitung jurnal (2) di bawah entri terakhir ({last}): penghitung diubah"


def test_entries_cut_off_the_end_are_found_by_the_counter(engine, day):
    last = entry_count(engine)
    receipt = day["sales"][3].receipt_no  # the last sale: its entry is the last one
    assert entry_seq(engine, "sale", receipt) == last
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM journal_entries WHERE seq = :seq"), {"seq": last})
    result = check(engine)
    assert (result.ok, result.failed_seq) == (False, last)
    assert result.problem == (f"Entri terakhir jurnal ({last}) hilang: penghitung jurnal sudah {last}, "
                              f"entri terakhir yang ada {last - 1}")


def test_a_different_key_fails_at_the_first_entry(engine, day):
    result = check(engine, b"a-key-from-another-store-32bytes")
    assert (result.ok, result.failed_seq, result.count) == (False, 1, 0)
    assert result.problem == "HMAC entri 1 tidak cocok: kunci salah atau entri diubah"


def copy_of_sale(engine, receipt: str, terminal: str, number: int) -> str:
    """Insert a sale (with lines and payments) straight into the tables, as a copy of ``receipt``."""
    from nttmart_pos.db.models import Payment, SaleLine

    new_receipt = f"{terminal}-{number:06d}"
    with UnitOfWork(engine, write=True) as uow:
        session = uow.session
        old = session.scalar(select(Sale).where(Sale.receipt_no == receipt))
        values = {c.key: getattr(old, c.key) for c in Sale.__table__.columns if c.key != "id"}
        sale = Sale(**{**values, "receipt_no": new_receipt, "terminal": terminal, "number": number})
        session.add(sale)
        session.flush()
        for child in (*old.lines, *old.payments):
            model = type(child)
            assert model in (SaleLine, Payment)
            columns = {c.key: getattr(child, c.key) for c in model.__table__.columns if c.key not in ("id", "sale_id")}
            session.add(model(**columns, sale_id=sale.id))
        uow.commit()
    return new_receipt


def test_a_sale_inserted_behind_the_programs_back_is_named(engine, day):
    rogue = copy_of_sale(engine, day["sales"][0].receipt_no, "T01", 4)  # the next number: no gap to give it away
    result = check(engine)
    assert (result.ok, result.failed_seq, result.count) == (False, None, entry_count(engine))
    assert result.problem == (f"Penjualan {rogue} tidak ada di jurnal: dicatat langsung ke database, "
                              f"tidak lewat program")


def test_a_second_entry_for_one_sale_is_named(engine, day):
    from nttmart_pos.services.journal import append
    from nttmart_pos.services.journal_events import sale_data

    receipt = day["sales"][0].receipt_no
    with UnitOfWork(engine, write=True) as uow:  # the program's own append, so the chain itself is whole
        sale = uow.session.scalar(select(Sale).where(Sale.receipt_no == receipt))
        entry = append(uow.session, "sale", sale_data(sale), user=day["cashier"], terminal="T01", ref=receipt)
        uow.commit()
    result = check(engine)
    assert (result.ok, result.failed_seq) == (False, entry.seq)
    assert result.problem == f"Penjualan {receipt} tercatat lebih dari sekali di jurnal (lagi di entri {entry.seq})"


def test_rows_older_than_the_journal_need_no_entry_but_keep_their_numbers(engine, day, tmp_path):
    """A database upgraded from before the journal: ``ensure_key`` journals where the journal begins."""
    with tampering(engine) as conn:  # as if the day had been sold before version 0004
        conn.execute(text("DELETE FROM journal_entries"))
        conn.execute(text("DELETE FROM counters WHERE name = 'journal'"))
    key = ensure_key(engine, tmp_path / "journal.key", create=True)
    with UnitOfWork(engine) as uow:
        first = uow.session.scalar(select(JournalEntry).where(JournalEntry.seq == 1))
        assert first.kind == JOURNAL_START and uow.session.scalar(select(Counter.value).where(
            Counter.name == "journal")) == 1
    assert check(engine, key).ok
    later = sell(engine, day["cashier"], [(day["ids"]["coffee"], 1)])
    assert check(engine, key).ok and check(engine, key).count == 2 and later.receipt_no == "T01-000004"
    receipt = day["sales"][1].receipt_no  # an old sale, deleted: only its number shows it
    with tampering(engine) as conn:
        sale_id = conn.scalar(text("SELECT id FROM sales WHERE receipt_no = :r"), {"r": receipt})
        for table in ("stock_movements", "refund_lines", "refunds", "payments", "sale_lines"):
            column = "refund_id IN (SELECT id FROM refunds WHERE sale_id = :id)" if table == "refund_lines" \
                else "sale_id = :id"
            conn.execute(text(f"DELETE FROM {table} WHERE {column}"), {"id": sale_id})
        conn.execute(text("DELETE FROM sales WHERE id = :id"), {"id": sale_id})
    result = check(engine, key)
    assert (result.ok, result.failed_seq) == (False, None)
    assert result.problem.startswith(f"Struk {receipt} tidak ada di database: nomor struk terminal T01 melompat")


def test_a_deleted_refund_number_is_named(engine, day, tmp_path):
    with tampering(engine) as conn:  # an old refund (before the journal) deleted: only its number shows it
        conn.execute(text("DELETE FROM journal_entries"))
        conn.execute(text("DELETE FROM counters WHERE name = 'journal'"))
    key = ensure_key(engine, tmp_path / "journal.key", create=True)
    supervisor, receipt = day["supervisor"], day["sales"][0].receipt_no
    from nttmart_pos.services.refunds import RefundRequest, refund

    second = refund(UnitOfWork(engine, write=True), supervisor, receipt, [RefundRequest(1, 1)], method="cash",
                    restock=True, reason="kemasan bocor", terminal="T01")
    assert second.refund_no == "R-T01-000002" and check(engine, key).ok
    with tampering(engine) as conn:
        conn.execute(text("DELETE FROM refund_lines WHERE refund_id = (SELECT id FROM refunds WHERE refund_no = "
                          "'R-T01-000001')"))
        conn.execute(text("DELETE FROM refunds WHERE refund_no = 'R-T01-000001'"))
    result = check(engine, key)
    assert not result.ok and result.problem.startswith("Pengembalian R-T01-000001 tidak ada di database")
