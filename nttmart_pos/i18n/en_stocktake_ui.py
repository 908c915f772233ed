"""English texts of the stok opname (stock take) tab of the manager window."""

MESSAGES = {
    # tab, start page
    "Stok opname": "Stock take",
    "Memuat...": "Loading...",
    "Memuat daftar barang...": "Loading the product list...",
    "Daftar barang masih dimuat; coba lagi sebentar": "The product list is still loading; try again in a moment",
    "Mulai stok opname": "Start a stock take",
    "Kasir tetap boleh berjualan selama penghitungan: setiap barang dibandingkan dengan stok tercatat pada saat "
    "barang itu pertama kali dipindai. Hitung satu jenis barang sampai selesai sekaligus.":
        "Cashiers may keep selling during the count: each product is compared with the stock on record at the "
        "moment it was first scanned. Count one product to the end in one go.",
    "Cakupan": "Scope",
    "Semua barang": "All products",
    "Satu UMKM": "One vendor",
    "Satu kategori": "One category",
    "{code} - {name} ({count} barang)": "{code} - {name} ({count} products)",
    # counting page
    "Pindai barcode barang yang dihitung lalu Enter (5*kode = 5 barang)":
        "Scan each product counted, then Enter (5*code = 5 items)",
    "Jumlah per pindai": "Quantity per scan",
    "Berlaku untuk satu pindaian berikutnya, lalu kembali ke 1. Barang timbang dalam gram; angka negatif "
    "mengurangi hitungan.":
        "Applies to the next scan only, then goes back to 1. Weighed goods in grams; a negative number takes "
        "items off the count.",
    "F2 Cari barang": "F2 Find product",
    "Tampilkan": "Show",
    "Sudah dihitung": "Counted",
    "Belum dihitung": "Not counted yet",
    "Ada selisih": "With a difference",
    "F4 Koreksi hitungan": "F4 Correct count",
    "Hitung ulang barang ini": "Recount this product",
    "Batalkan stok opname": "Cancel the stock take",
    "Posting selisih...": "Post differences...",
    "Stok opname {number} - {scope}": "Stock take {number} - {scope}",
    "dimulai {time} oleh {name}": "started {time} by {name}",
    "Pilih": "Choose",
    "Kategori": "Category",
    "Stok opname {number} dimulai. Silakan pindai barang.": "Stock take {number} started. Please scan products.",
    "{name}: dihitung {counted} (tercatat {expected}, selisih {difference})":
        "{name}: counted {counted} (expected {expected}, difference {difference})",
    "Pilih barisnya dulu (klik, atau panah atas/bawah)": "Select a row first (click, or the up/down arrows)",
    "Koreksi hitungan": "Correct count",
    "dalam gram": "in grams",
    "dalam {unit}": "in {unit}",
    "{name}\nJumlah yang benar di rak ({unit}):": "{name}\nThe right quantity on the shelf ({unit}):",
    "{name} belum dihitung": "{name} has not been counted yet",
    "Hitung ulang": "Recount",
    "Hapus hitungan {name} ({counted})? Pindaian berikutnya mulai dari nol dengan stok tercatat yang baru.":
        "Clear the count of {name} ({counted})? The next scan starts from zero against the stock on record then.",
    "Hitungan {name} dihapus: silakan hitung ulang": "Count of {name} cleared: please count it again",
    # table and totals
    "Barcode": "Barcode",
    "Nama barang": "Product",
    "UMKM": "Vendor",
    "Tercatat": "Expected",
    "Dihitung": "Counted",
    "Selisih": "Difference",
    "belum": "not yet",
    "{count} pcs": "{count} pcs",
    "Dihitung {counted} dari {total} barang": "Counted {counted} of {total} products",
    "Kurang {amount} ({value})": "Short {amount} ({value})",
    "Lebih {amount} ({value})": "Over {amount} ({value})",
    "Tercatat = stok saat pertama dihitung ({time})": "Expected = the stock when first counted ({time})",
    "Terjual/masuk sejak dihitung: {amount} (bukan selisih)":
        "Sold/received since counted: {amount} (not a difference)",
    # posting and cancelling
    "Posting stok opname {number}": "Post stock take {number}",
    "{count} barang berselisih akan dibukukan sebagai penyesuaian stok.":
        "{count} products with a difference will be booked as stock adjustments.",
    "Alasan penyesuaian (wajib diisi)": "Reason for the adjustments (required)",
    "misalnya: stok opname akhir bulan": "for example: month-end stock take",
    "Barang yang belum dihitung: {count}": "Products not counted: {count}",
    "Abaikan: stoknya tidak diubah": "Ignore: their stock stays as it is",
    "Anggap nol: dianggap tidak ada di rak": "Take as zero: treated as not on the shelf",
    "Perhatian: {count} barang yang belum dihitung akan dicatat hilang dan stoknya menjadi 0 (kurang {amount}, "
    "senilai {value}), antara lain: {names}. Pilih ini hanya jika semua rak sudah dihitung dan barang itu memang "
    "tidak ada.":
        "Warning: {count} products not counted will be booked as missing and their stock set to 0 (short "
        "{amount}, worth {value}), among them: {names}. Choose this only if every shelf has been counted and "
        "those products really are not there.",
    "Semua barang sudah dihitung.": "Every product has been counted.",
    "Batal": "Cancel",
    "Posting selisih": "Post differences",
    "Memposting...": "Posting...",
    "Memposting stok opname {number}...": "Posting stock take {number}...",
    "Stok opname belum diposting": "Stock take not posted",
    "<b>Stok opname {number} ({scope}) sudah diposting: {count} penyesuaian stok.</b><br><span style='color:{red}'>"
    "Kurang {shortage}, senilai {shortage_value}</span>; <span style='color:{green}'>lebih {surplus}, senilai "
    "{surplus_value}</span>.<br>Alasan: {reason}":
        "<b>Stock take {number} ({scope}) posted: {count} stock adjustments.</b><br><span style='color:{red}'>"
        "Short {shortage}, worth {shortage_value}</span>; <span style='color:{green}'>over {surplus}, worth "
        "{surplus_value}</span>.<br>Reason: {reason}",
    "Batalkan stok opname {number}? Stok tidak diubah; hitungannya disimpan sebagai catatan.":
        "Cancel stock take {number}? No stock changes; its counts are kept for the record.",
    "Stok opname {number} dibatalkan; stok tidak diubah.": "Stock take {number} cancelled; no stock changed.",
}
