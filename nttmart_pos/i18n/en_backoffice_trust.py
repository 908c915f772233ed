"""English for the back office under the permission table: cash in/out with a supervisor's PIN."""

MESSAGES = {
    "Kas masuk {amount}: {reason}": "Cash in {amount}: {reason}",
    "Kas keluar {amount}: {reason}": "Cash out {amount}: {reason}",
}
