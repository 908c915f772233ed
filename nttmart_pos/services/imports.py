"""Importing vendors (UMKM) and products from CSV or XLSX: every row or none, matched on code or barcode.

A file is read and checked completely first; then, in one transaction, each
row is created or updated through the catalog services (inside its own
savepoint, so that every bad row is found, not just the first).  Any bad row
rolls everything back and raises ``ImportError`` listing them all; a dry run
(the manager's preview) does the same work and always rolls back.

Matching: a vendor by its code, a product by its barcode (in any form a
scanner sends it), or, when the barcode cell is blank, by vendor and name, so
that importing the same file twice changes nothing the second time.  A column
left out of the file leaves that field as it is; a blank cell clears it.

Importing vendors needs ``MANAGE_VENDORS``, products ``MANAGE_PRODUCTS``; a
saved import that changes anything is journalled once (``import.vendors`` /
``import.products``, with its counts and the file name as ``ref``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from nttmart_pos.db.models import User, Vendor
from nttmart_pos.db.uow import UnitOfWork
from nttmart_pos.domain.money import format_rupiah
from nttmart_pos.errors import NotFoundError, PermissionDenied, ValidationError
from nttmart_pos.i18n import _
from nttmart_pos.reports.tabular import TableError
from nttmart_pos.services.auth import UserInfo
from nttmart_pos.services.catalog import VendorInput, create_vendor
from nttmart_pos.services.catalog_admin import update_vendor
from nttmart_pos.services.import_rows import (PRODUCT_COLUMNS, VENDOR_COLUMNS, ParsedFile, ParsedRow, RowError,
                                             read_vendor_rows)
from nttmart_pos.services.journal import append
from nttmart_pos.services.permissions import MANAGE_PRODUCTS, MANAGE_VENDORS, MINIMUM_ROLE, ROLE_RANK, require

__all__ = ["FieldChange", "ImportError", "ImportReport", "RowChange", "RowError", "RowNote", "command_line_user",
           "import_products", "import_vendors"]

_LISTED_ERRORS = 50
_COLUMN_ORDER = {name: index for index, name in reversed(list(enumerate((*VENDOR_COLUMNS, *PRODUCT_COLUMNS))))}
CREATE, UPDATE, UNCHANGED = "create", "update", "unchanged"


class ImportError(ValidationError):  # noqa: A001 - the name the manager screens expect
    """A rejected import file; ``errors`` lists every bad row (``RowError``), in row order."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = sorted(errors, key=lambda e: (e.row or 0, _COLUMN_ORDER.get(e.column or "", -1)))
        lines = [str(error) for error in self.errors[:_LISTED_ERRORS]]
        if len(self.errors) > _LISTED_ERRORS:
            lines.append(_("... dan {count} kesalahan lain", count=len(self.errors) - _LISTED_ERRORS))
        super().__init__("\n".join([_("Berkas ditolak, tidak ada yang disimpan ({count} kesalahan):",
                                      count=len(self.errors)), *lines]))


@dataclass(frozen=True)
class FieldChange:
    """One field a row changes, with the old and new value as shown to the user."""

    column: str
    old: str
    new: str


@dataclass(frozen=True)
class RowChange:
    """What a row does: ``action`` is "create", "update" or "unchanged"; ``key`` is the code or barcode.

    ``key`` is "" for a new product whose in-store code is not assigned yet (a dry run).
    """

    row: int
    action: str
    key: str
    name: str
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class RowNote:
    """Something the user should know about a row that is not an error (e.g. stock ignored)."""

    row: int
    column: str
    text: str

    def __str__(self) -> str:
        return _("baris {row}: {column}: {reason}", row=self.row, column=self.column, reason=self.text)


@dataclass(frozen=True)
class ImportReport:
    """The outcome (or, with ``dry_run``, the preview) of an import, row by row."""

    kind: str  # "vendors" or "products"
    dry_run: bool
    rows: tuple[RowChange, ...]
    notes: tuple[RowNote, ...] = field(default=())

    def _count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def created(self) -> int:
        return self._count(CREATE)

    @property
    def updated(self) -> int:
        return self._count(UPDATE)

    @property
    def unchanged(self) -> int:
        return self._count(UNCHANGED)

    def summary(self) -> str:
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        if self.dry_run:
            return _("Uji coba, tidak ada yang disimpan: {created} akan dibuat, {updated} akan diubah, "
                     "{unchanged} tetap.", **counts)
        return _("Impor selesai: {created} dibuat, {updated} diubah, {unchanged} tetap.", **counts)


def command_line_user(uow: UnitOfWork) -> UserInfo:
    """The identity the command line acts as: the first active admin or manager (there is no login there)."""
    # the roles that may import and export; the permission table says which
    roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK[MINIMUM_ROLE[MANAGE_PRODUCTS]]]
    with uow:
        user = uow.session.scalar(select(User).where(User.role.in_(roles), User.active.is_(True))
                                  .order_by(User.id).limit(1))
        if user is None:
            raise PermissionDenied(_("Belum ada admin atau manajer di database; jalankan dulu "
                                     "nttmart-pos init --admin NAMA --pin PIN"))
        return UserInfo(user.id, user.username, user.full_name, user.role)


def read_checked(reader, path: Path) -> ParsedFile:
    """Read ``path`` with ``reader``; a file that cannot be read as a table at all becomes an ``ImportError``."""
    try:
        parsed = reader(Path(path))
    except TableError as exc:
        raise ImportError([RowError(exc.row, None, str(exc))]) from exc
    if not parsed.columns:  # the header itself is wrong: no row can be read
        raise ImportError(parsed.errors)
    return parsed


def duplicates(keyed: list[tuple[object, ParsedRow]], column: str, describe) -> list[RowError]:
    """Every row whose key is also on another row of the file, naming the other rows."""
    rows_by_key: dict[object, list[int]] = defaultdict(list)
    for key, row in keyed:
        rows_by_key[key].append(row.row)
    errors = []
    for key, row in keyed:
        others = [str(number) for number in rows_by_key[key] if number != row.row]
        if others:
            errors.append(RowError(row.row, column, _("{what} juga ada di baris {rows}", what=describe(row),
                                                      rows=", ".join(others))))
    return errors


def apply_row(session: Session, row: int, errors: list[RowError], write) -> object | None:
    """Run ``write()`` in a savepoint; a refusal becomes the row's error and leaves nothing behind."""
    try:
        with session.begin_nested():
            return write()
    except (ValidationError, NotFoundError) as exc:
        errors.append(RowError(row, None, str(exc)))
    except IntegrityError:
        errors.append(RowError(row, None, _("bertabrakan dengan data yang baru saja disimpan dari tempat lain; "
                                            "coba impor lagi")))
    return None


def finish(uow: UnitOfWork, errors: list[RowError], report: ImportReport, user: UserInfo,
           path: Path) -> ImportReport:
    """Refuse the file if any row is bad; else journal and commit it (a dry run rolls back).

    A file that changes nothing writes nothing, not even a journal entry.
    """
    if errors:
        raise ImportError(errors)
    if not report.dry_run and (report.created or report.updated):
        uow.session.flush()
        append(uow.session, f"import.{report.kind}", {
            "rows": len(report.rows), "created": report.created, "updated": report.updated,
            "unchanged": report.unchanged, "notes": len(report.notes)}, user=user, ref=Path(path).name)
        uow.commit()
    return report


def percent_text(value: int | None) -> str:
    return "" if value is None else f"{value}%"


def money_text(value: int | None) -> str:
    return "" if value is None else format_rupiah(value)


# -- vendors ---------------------------------------------------------------

_VENDOR_TEXT_FIELDS = ("name", "owner", "phone", "regency", "payout_method", "payout_account")
_VENDOR_DEFAULTS = {"owner": "", "phone": "", "regency": "", "commission_pct": None, "payout_method": "cash",
                    "payout_account": ""}


def import_vendors(uow: UnitOfWork, user: UserInfo, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Create or update vendors from ``path`` (columns ``VENDOR_COLUMNS``); all rows or none.

    ``commission_pct`` blank means harga setor terms; ``payout_method`` blank means cash.
    """
    require(user, MANAGE_VENDORS)
    parsed = read_checked(read_vendor_rows, path)
    errors = list(parsed.errors)
    errors.extend(duplicates([(row.values["code"], row) for row in [*parsed.rows, *parsed.partial]
                              if "code" in row.values], "code",
                             lambda row: _("kode UMKM {code}", code=row.values["code"])))
    bad_rows = {error.row for error in errors}
    changes: list[RowChange] = []
    with uow:
        session = uow.session
        existing = {vendor.code: vendor for vendor in session.scalars(select(Vendor))}
        for row in parsed.rows:
            if row.row in bad_rows:
                continue
            values = row.values
            vendor = existing.get(values["code"])
            if vendor is None:
                merged = {**_VENDOR_DEFAULTS, **values}
                changes.append(RowChange(row.row, CREATE, merged["code"], merged["name"]))
                apply_row(session, row.row, errors, lambda m=merged: create_vendor(session, _vendor_input(m, None)))
                continue
            current = _vendor_values(vendor)
            merged = {**current, **values}
            diff = _vendor_diff(current, merged, values)
            changes.append(RowChange(row.row, UPDATE if diff else UNCHANGED, vendor.code, merged["name"], diff))
            if diff:
                apply_row(session, row.row, errors,
                          lambda m=merged, v=vendor: update_vendor(session, _vendor_input(m, v)))
        return finish(uow, errors, ImportReport("vendors", dry_run, tuple(changes)), user, path)


def _vendor_values(vendor: Vendor) -> dict[str, object]:
    values = {name: getattr(vendor, name) for name in ("code", *_VENDOR_TEXT_FIELDS)}
    values["commission_pct"] = vendor.commission_pct if vendor.terms == "commission" else None
    return values


def _vendor_diff(current: dict[str, object], merged: dict[str, object], given: dict[str, object]
                 ) -> tuple[FieldChange, ...]:
    diff = [FieldChange(name, str(current[name]), str(merged[name])) for name in _VENDOR_TEXT_FIELDS
            if name in given and current[name] != merged[name]]
    if "commission_pct" in given and current["commission_pct"] != merged["commission_pct"]:
        diff.append(FieldChange("commission_pct", _terms_text(current["commission_pct"]),
                                _terms_text(merged["commission_pct"])))
    return tuple(diff)


def _terms_text(commission_pct: object) -> str:
    return _("harga setor") if commission_pct is None else f"{commission_pct}%"


def _vendor_input(values: dict[str, object], vendor: Vendor | None) -> VendorInput:
    commission_pct = values["commission_pct"]
    return VendorInput(
        code=values["code"], name=values["name"], owner=values["owner"], phone=values["phone"],
        regency=values["regency"], village=vendor.village if vendor else "",
        terms="harga_setor" if commission_pct is None else "commission", commission_pct=commission_pct,
        payout_method=values["payout_method"], payout_account=values["payout_account"],
        notes=vendor.notes if vendor else "")


def import_products(uow: UnitOfWork, user: UserInfo, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Create or update products from ``path`` (columns ``PRODUCT_COLUMNS``); all rows or none.

    See ``services.import_products`` for the rules.
    """
    # Imported here because services.import_products builds on this module's report types and helpers.
    from nttmart_pos.services.import_products import run_product_import

    require(user, MANAGE_PRODUCTS)
    return run_product_import(uow, user, path, dry_run=dry_run)
