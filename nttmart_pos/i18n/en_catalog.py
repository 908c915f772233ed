"""English texts for vendors, products, certificates, the scan path and the manager's catalog lists."""

MESSAGES = {
    # scan and search
    "Barang tidak dikenal: {code}": "Unknown product: {code}",
    "Barang {name} sudah tidak aktif dijual": "{name} is no longer sold",
    "Barang tidak ditemukan: {code}": "Product not found: {code}",
    "Perhatian: {details}": "Warning: {details}",
    "{label} kedaluwarsa sejak {date}": "{label} expired on {date}",
    # vendors
    "Kode dan nama UMKM wajib diisi": "Vendor code and name are required",
    "Kode UMKM wajib diisi": "Vendor code is required",
    "Kode UMKM harus 2 sampai 20 karakter A-Z, 0-9 atau tanda -: {code}":
        "A vendor code is 2 to 20 characters A-Z, 0-9 or -: {code}",
    "Kode UMKM {code} sudah dipakai": "Vendor code {code} is already in use",
    "UMKM dengan kode {code} tidak ada": "No vendor with code {code}",
    "Nama UMKM": "Vendor name",
    "Nama pemilik": "Owner name",
    "Desa/kelurahan": "Village",
    "Rekening pembayaran": "Payout account",
    "{label} wajib diisi": "{label} is required",
    "{label} berisi karakter kendali: {value}": "{label} contains control characters: {value}",
    "Catatan": "Notes",
    "{label} terlalu panjang ({length} karakter, paling banyak {max})":
        "{label} is too long ({length} characters, at most {max})",
    "Kabupaten/kota harus salah satu dari 22 kabupaten/kota NTT: {value}":
        "The regency must be one of the 22 regencies/cities of NTT: {value}",
    "Nomor telepon hanya boleh angka, spasi, + dan - (6 sampai 15 angka): {phone}":
        "A phone number may only contain digits, spaces, + and - (6 to 15 digits): {phone}",
    "Ketentuan titip jual tidak dikenal: {terms}": "Unknown consignment terms: {terms}",
    "Komisi harus 0 sampai 100 persen": "Commission must be 0 to 100 percent",
    "Komisi wajib diisi untuk UMKM dengan ketentuan komisi": "A commission vendor needs a commission percentage",
    "Cara pembayaran ke UMKM harus transfer, cash atau ewallet: {method}":
        "The vendor payout method must be transfer, cash or ewallet: {method}",
    "Rekening atau nomor e-wallet wajib diisi untuk pembayaran {method}":
        "A bank account or e-wallet number is required for payout by {method}",
    "UMKM {code} tidak aktif: aktifkan dulu sebelum menambah barang":
        "Vendor {code} is inactive: reactivate it before adding products",
    "Isi dulu harga setor {count} barang UMKM {code} sebelum ganti ke harga setor: {names}":
        "Enter the harga setor of {count} products of vendor {code} before switching to harga setor: {names}",
    "mengubah data UMKM": "change vendor data",
    # products
    "Nama barang wajib diisi": "Product name is required",
    "Nama produk": "Product name",
    "Kategori": "Category",
    "Satuan": "Unit",
    "Harga setor tidak boleh melebihi harga jual": "Harga setor cannot exceed the selling price",
    "UMKM {code} memakai harga setor: harga setor barang wajib diisi":
        "Vendor {code} works with harga setor: the product's harga setor is required",
    "Batas stok minimum harus bilangan bulat 0 atau lebih: {value}":
        "The reorder level must be a whole number, 0 or more: {value}",
    "Jenis takaran tidak dikenal: {measure}": "Unknown measure: {measure}",
    "Jenis takaran barang {name} tidak dapat diubah": "The measure of {name} cannot be changed",
    "Stok awal tidak boleh negatif": "Opening stock cannot be negative",
    "Stok barang yang sudah ada hanya berubah lewat penerimaan titipan, retur atau stok opname":
        "The stock of an existing product only changes through consignment intake, retur or stok opname",
    "Barang {name} masih ada stok {stock}: retur dulu ke UMKM lama sebelum dipindah ke UMKM {code}":
        "{name} still has stock {stock}: return it to the old vendor before moving it to vendor {code}",
    "Kode barang timbangan harus 7 angka diawali 21 atau 22":
        "A scale product code must be 7 digits starting with 21 or 22",
    "Barcode {code} sudah dipakai barang lain": "Barcode {code} is already used by another product",
    "mengubah data barang": "change product data",
    # certificates (domain/certificates.py and services/product_certificates.py)
    "Jenis sertifikat tidak dikenal: {kind}": "Unknown certificate kind: {kind}",
    "P-IRT berlaku paling lama 5 tahun: tanggal kedaluwarsa {date} terlalu jauh":
        "A P-IRT is valid for at most 5 years: expiry date {date} is too far ahead",
    "Tanggal kedaluwarsa {label} harus tanggal: {value}": "The {label} expiry must be a date: {value}",
    "Isi dulu nomor {label} sebelum tanggal kedaluwarsanya": "Enter the {label} number before its expiry date",
    "mengubah sertifikat barang": "change product certificates",
}
