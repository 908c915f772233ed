"""Vendor settlement (setoran UMKM) in one import: figures, the payout lifecycle and its documents.

The work is split by responsibility: ``settlement_figures`` computes every open
line (read-only), ``settlement_totals`` only each vendor's sums (the day-end
summary), ``settlement_marks`` keeps both reading only the open tail of the
lines, ``payouts`` moves a payout from draft to paid, ``payout_queries`` reads
them back.
"""

from nttmart_pos.services.payout_queries import (
    PayoutInfo,
    PayoutSummary,
    list_payouts,
    payout_document,
    payout_summary,
    preview_document,
)
from nttmart_pos.services.payouts import approve_payout, create_payouts, discard_draft, pay_payout, payout_number
from nttmart_pos.services.settlement_figures import (
    CarriedBalance,
    RefundedLine,
    SoldLine,
    VendorFigures,
    settlement_figures,
)
from nttmart_pos.services.settlement_totals import VendorTotals, settlement_totals

__all__ = [
    "CarriedBalance", "PayoutInfo", "PayoutSummary", "RefundedLine", "SoldLine", "VendorFigures", "VendorTotals",
    "approve_payout", "create_payouts", "discard_draft", "list_payouts", "pay_payout", "payout_document",
    "payout_number", "payout_summary", "preview_document", "settlement_figures", "settlement_totals",
]
