"""English texts for certificate numbers."""

MESSAGES = {
    "Nomor P-IRT harus 15 angka: {value}": "A P-IRT number has 15 digits: {value}",
    "Nomor BPOM harus MD atau ML diikuti 12 angka: {value}": "A BPOM number is MD or ML followed by 12 digits: {value}",
    "Nomor {label} tidak valid: {value}": "Invalid {label} number: {value}",
}
