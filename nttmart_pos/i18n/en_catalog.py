"""English texts for vendors, products and the scan path."""

MESSAGES = {
    "Barang tidak dikenal: {code}": "Unknown product: {code}",
    "Barang {name} sudah tidak aktif dijual": "{name} is no longer sold",
    "Kode dan nama UMKM wajib diisi": "Vendor code and name are required",
    "Ketentuan titip jual tidak dikenal: {terms}": "Unknown consignment terms: {terms}",
    "Komisi harus 0 sampai 100 persen": "Commission must be 0 to 100 percent",
    "Kode UMKM {code} sudah dipakai": "Vendor code {code} is already in use",
    "Nama barang wajib diisi": "Product name is required",
    "Harga setor tidak boleh melebihi harga jual": "Harga setor cannot exceed the selling price",
    "Jenis takaran tidak dikenal: {measure}": "Unknown measure: {measure}",
    "Stok awal tidak boleh negatif": "Opening stock cannot be negative",
    "Kode barang timbangan harus 7 angka diawali 21 atau 22": "A scale product code must be 7 digits starting with 21 or 22",
    "UMKM dengan kode {code} tidak ada": "No vendor with code {code}",
    "Barcode {code} sudah dipakai barang lain": "Barcode {code} is already used by another product",
}
