"""Printer hardware: receipt layout, ESC/POS rendering and transports (no Qt here)."""
