"""PPN on shelf prices that already include it (PMK 131/2024).

A store that is not PKP charges no PPN and prints no tax line.  A PKP store
charges PPN 12% on a base (DPP nilai lain) of 11/12 of the price before tax,
an effective 11%: a tax-inclusive total T holds PPN = T x 11/111.
"""

from __future__ import annotations

from dataclasses import dataclass

from nttmart_pos.domain.money import ensure_rupiah, round_half_up_div


@dataclass(frozen=True)
class IncludedPpn:
    price_before_tax: int
    dpp_nilai_lain: int
    ppn: int


def included_ppn(total: int) -> IncludedPpn:
    ensure_rupiah(total)
    ppn = round_half_up_div(total * 11, 111)
    before = total - ppn
    return IncludedPpn(before, round_half_up_div(before * 11, 12), ppn)
