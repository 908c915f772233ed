"""Reports: PDF, CSV and label output (payouts, intake notes, label sheets)."""
