"""The 22 kabupaten/kota of Nusa Tenggara Timur, where the store's UMKM come from."""

from __future__ import annotations

import re

NTT_REGENCIES: tuple[str, ...] = (
    "Kota Kupang", "Kupang", "TTS", "TTU", "Belu", "Malaka", "Alor", "Lembata", "Flores Timur", "Sikka",
    "Ende", "Nagekeo", "Ngada", "Manggarai Timur", "Manggarai", "Manggarai Barat", "Sumba Barat Daya",
    "Sumba Barat", "Sumba Tengah", "Sumba Timur", "Sabu Raijua", "Rote Ndao",
)
# The long names people also write for the two abbreviated ones.
_ALIASES = {"timor tengah selatan": "TTS", "timor tengah utara": "TTU"}
# "Kabupaten Ngada", "Kab. Ngada", "Kab Ngada": the word for regency is often written before the name.
_REGENCY_WORD = re.compile(r"^(kabupaten|kab\.?)\s*", re.IGNORECASE)


def canonical_regency(text: str) -> str | None:
    """The official spelling of a regency typed in any case (``"rote ndao"`` -> ``"Rote Ndao"``,
    ``"Kab. Timor Tengah Selatan"`` -> ``"TTS"``), or None."""
    wanted = " ".join(text.split()).casefold()
    stripped = _REGENCY_WORD.sub("", wanted, count=1)
    for candidate in (wanted, stripped):
        if candidate in _ALIASES:
            return _ALIASES[candidate]
        found = next((name for name in NTT_REGENCIES if name.casefold() == candidate), None)
        if found and (candidate == wanted or found != "Kota Kupang"):
            return found
    return None
