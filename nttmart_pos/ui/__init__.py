"""The PySide6 screens: thin, one module per screen; no SQL and no money arithmetic here."""
