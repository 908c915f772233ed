"""English for the negative stock policy: the till's refusal, the setting, and the "Stok minus" alert list."""

MESSAGES = {
    # services/checkout.py
    "Stok {name} di sistem tinggal {stock}": "The system has only {stock} of {name} left",
    "Stok {name} di sistem sudah habis": "The system has no {name} left",
    "Stok {name} di sistem sudah minus ({stock})": "The system's stock of {name} is already below zero ({stock})",
    "pengaturan toko menolak penjualan melebihi stok. Catat barang masuk dulu atau minta manajer mengubah "
    "pengaturan.":
        "the store settings refuse sales beyond the stock. Record the goods received first, or ask a manager to "
        "change the setting.",
    "{count} barang lain di keranjang juga melebihi stok.":
        "{count} other product(s) in the cart also exceed the stock.",
    # config.py
    "Aturan stok minus tidak dikenal: {value} (pilih allow atau block)":
        "Unknown negative stock rule: {value} (choose allow or block)",
    # ui/settings_dialog.py
    "Barang melebihi stok": "Sales beyond stock",
    "Tetap dijual, lalu muncul di daftar Stok minus": "Sold anyway, then listed under Negative stock",
    "Ditolak di kasir": "Refused at the till",
    "Barang yang dibawa pembeli ke kasir padahal stoknya di sistem sudah habis: tetap dijual (manajer "
    "memeriksanya di Peringatan > Stok minus) atau ditolak sampai barang masuk dicatat":
        "Goods a customer brings to the till although the system has none left: sold anyway (the manager checks "
        "them under Alerts > Negative stock) or refused until the goods received are recorded",
    # ui/manager/alerts_*.py
    "Stok minus ({count})": "Negative stock ({count})",
    "Barang terjual melebihi stok di sistem: periksa rak, lalu catat barang masuk atau stok opname.":
        "Products sold beyond the stock in the system: check the shelf, then record the goods received or a "
        "stock take.",
    "Tidak ada barang dengan stok minus.": "No product has negative stock.",
    "Stok di sistem": "Stock in system",
    "Minus sejak": "Negative since",
    "{name} (nonaktif)": "{name} (inactive)",
}
