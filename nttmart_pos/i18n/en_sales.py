"""English texts for checkout, payments and receipts."""

MESSAGES = {
    "Keranjang masih kosong": "The cart is empty",
    "Barang di keranjang tidak ada lagi di database": "A product in the cart no longer exists in the database",
    "Struk {number} tidak ditemukan": "Receipt {number} not found",
    "DPP Nilai Lain": "Tax base (DPP nilai lain)",
    "PPN 12% (termasuk)": "VAT 12% (included)",
}
MESSAGES["Diskon tidak boleh melebihi subtotal {amount}"] = "The discount cannot exceed the subtotal {amount}"
