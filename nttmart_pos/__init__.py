"""NTT Mart POS: point of sale and consignment settlement for UMKM goods."""

__version__ = "0.1.0"
