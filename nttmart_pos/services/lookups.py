"""Small read-only lists that screens offer as choices (the product categories in use)."""

from __future__ import annotations

from sqlalchemy import select

from nttmart_pos.db.models import Product
from nttmart_pos.db.uow import UnitOfWork


def list_categories(uow: UnitOfWork) -> list[str]:
    """The categories of active products, once each whatever their case, in alphabetical order."""
    with uow:
        names = uow.session.scalars(select(Product.category).where(Product.active.is_(True)).distinct())
        # "Kopi" and "kopi " are one category to the stock take (it compares them stripped and casefolded).
        unique: dict[str, str] = {}
        for name in names:
            name = (name or "").strip()
            if name:  # the same spelling whatever order the database returns them in
                key = name.casefold()
                unique[key] = min(unique.get(key, name), name)
        return sorted(unique.values(), key=str.casefold)
