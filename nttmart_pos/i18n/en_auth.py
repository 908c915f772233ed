"""English texts for users, PINs and log-in."""

MESSAGES = {
    "Nama pengguna atau PIN salah": "Wrong user name or PIN",
    "Nama pengguna tidak boleh kosong": "User name cannot be empty",
    "Nama pengguna {username} sudah dipakai": "User name {username} is already taken",
    "PIN harus 4 sampai 8 angka": "A PIN must be 4 to 8 digits",
    "Peran tidak dikenal: {role}": "Unknown role: {role}",
}
MESSAGES["Hanya manajer atau admin yang boleh {action}"] = "Only a manager or admin may {action}"
MESSAGES["Peran Anda tidak boleh {action}"] = "Your role may not {action}"
