"""Checking the lines of a tanda terima titipan or retur and adding up repeats: the same
product scanned twice is one line with the sum, unless what sets the two apart differs
(at intake the best-before date, as they are separate batches; on a retur the reason).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from nttmart_pos.errors import ValidationError
from nttmart_pos.services.stock_documents import check_product_id, check_quantity


@dataclass
class MergedLine:
    row: int  # the first line (from 1) with this product and detail: messages name it
    product_id: int
    quantity: int
    detail: Any  # intake: the best-before date or None; retur: the reason code


def merge_lines(lines: Sequence[Any], detail: Callable[[int, Any], Any], empty: str) -> list[MergedLine]:
    """Check every line's product and quantity, and its detail with ``detail(row, line)`` (which
    returns it), then add up the lines with the same product and detail; the sums are checked too.

    ``empty`` is the message when there is no line at all.
    """
    if not lines:
        raise ValidationError(empty)
    merged: dict[tuple[int, Any], MergedLine] = {}
    for row, line in enumerate(lines, start=1):
        product_id = check_product_id(row, line.product_id)
        check_quantity(row, line.quantity)
        key = (product_id, detail(row, line))
        if key in merged:
            merged[key].quantity += line.quantity
        else:
            merged[key] = MergedLine(row, product_id, line.quantity, key[1])
    for item in merged.values():
        check_quantity(item.row, item.quantity)
    return list(merged.values())
