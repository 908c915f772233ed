"""Demo data for NTT Mart POS: a realistic catalog of NTT UMKM vendors and their goods."""
