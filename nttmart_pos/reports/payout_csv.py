"""The payouts of a period as CSV, one row per vendor, for preparing the bank transfers.

Whole Rupiah integers, UTF-8 (with the BOM Excel needs), comma-separated;
written atomically and with formula-like names defused by reports.tabular.
"""

from __future__ import annotations

from pathlib import Path

from nttmart_pos.domain.payout_document import PayoutDocument
from nttmart_pos.reports.tabular import write_table

COLUMNS = ("vendor_code", "vendor_name", "units", "gross", "refunds", "commission", "payout")


def payouts_csv(docs: list[PayoutDocument], path: Path) -> Path:
    """Write ``docs`` (in vendor code order) to ``path``; ``payout`` is what is paid (``doc.amount``).

    Raises ``PosError`` naming the file if it cannot be written.
    """
    rows = [(doc.vendor_code, doc.vendor_name, doc.units, doc.gross, doc.refunds_total, doc.commission, doc.amount)
            for doc in sorted(docs, key=lambda doc: doc.vendor_code)]
    write_table(Path(path), COLUMNS, rows)
    return Path(path)
