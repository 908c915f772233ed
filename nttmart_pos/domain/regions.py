"""The 22 kabupaten/kota of Nusa Tenggara Timur, where the store's UMKM come from."""

from __future__ import annotations

NTT_REGENCIES: tuple[str, ...] = (
    "Kota Kupang", "Kupang", "TTS", "TTU", "Belu", "Malaka", "Alor", "Lembata", "Flores Timur", "Sikka",
    "Ende", "Nagekeo", "Ngada", "Manggarai Timur", "Manggarai", "Manggarai Barat", "Sumba Barat Daya",
    "Sumba Barat", "Sumba Tengah", "Sumba Timur", "Sabu Raijua", "Rote Ndao",
)


def canonical_regency(text: str) -> str | None:
    """The official spelling of a regency typed in any case (``"rote ndao"`` -> ``"Rote Ndao"``), or None."""
    wanted = " ".join(text.split()).casefold()
    return next((name for name in NTT_REGENCIES if name.casefold() == wanted), None)
