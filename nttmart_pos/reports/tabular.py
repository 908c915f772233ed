"""Spreadsheet files for imports and exports: reading and writing CSV (UTF-8, comma or semicolon) and XLSX.

Every cell comes out as text, row by row (streamed, numbered as a spreadsheet
shows them, the header being row 1); files are written atomically, with text
that a spreadsheet would run as a formula defused by a leading apostrophe.
"""

from __future__ import annotations

import codecs
import csv
import itertools
import os
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from nttmart_pos.errors import NotFoundError, PosError, ValidationError
from nttmart_pos.i18n import _

SUFFIXES = (".csv", ".xlsx")
# A spreadsheet runs a cell starting with one of these as a formula (and ``'``
# itself is escaped so that the reader can take exactly one apostrophe off).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")
_MAX_LINE = 65536  # bytes; a real row is a few hundred, a binary file has no newlines at all
_SAMPLE_CHARS = 40
_FILE_MODE = 0o644
_NARROW, _WIDE = 16, 40  # XLSX column widths, in characters


class TableError(ValidationError):
    """A file that cannot be read as a table at all; ``row`` is where it broke, if known."""

    def __init__(self, message: str, row: int | None = None) -> None:
        super().__init__(message)
        self.row = row


@dataclass(frozen=True)
class SheetRow:
    """One row as text cells; ``problem`` says why its text could not be read faithfully."""

    number: int
    cells: tuple[str, ...]
    problem: str | None = None


@dataclass(frozen=True)
class Table:
    header_row: int
    header: tuple[str, ...]
    rows: Iterator[SheetRow]


def table_format(path: Path) -> str:
    """``"csv"`` or ``"xlsx"`` from the file name, or a ``ValidationError`` naming what is supported."""
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationError(_("Jenis berkas tidak didukung: {name}; pakai .csv atau .xlsx", name=Path(path).name))
    return suffix[1:]


def shown(text: str) -> str:
    """A cell's text made safe and short for a one-line message."""
    value = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text[: _SAMPLE_CHARS + 1])
    return value if len(value) <= _SAMPLE_CHARS else value[:_SAMPLE_CHARS] + "..."


def unescape(text: str) -> str:
    """Take off the one apostrophe that ``escape`` (or a careful user) put before a formula-like text."""
    return text[1:] if text.startswith("'") else text


def escape(text: str) -> str:
    """``text`` as a spreadsheet may hold it without ever running it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@contextmanager
def open_table(path: Path) -> Iterator[Table]:
    """The header and a stream of the data rows of a CSV or XLSX file (first sheet); blank rows skipped."""
    path = Path(path)
    kind = table_format(path)
    if not path.is_file():
        raise NotFoundError(_("Berkas tidak ditemukan: {path}", path=path))
    opener = _open_csv if kind == "csv" else _open_xlsx
    try:
        with opener(path) as rows:
            header = next(rows, None)
            while header is not None and _blank(header.cells):
                header = next(rows, None)
            if header is None:
                raise TableError(_("Berkas kosong: {name}", name=path.name))
            if header.problem:
                raise TableError(header.problem, header.number)
            data = (SheetRow(row.number, tuple(unescape(c) for c in row.cells), row.problem)
                    for row in rows if row.problem or not _blank(row.cells))
            yield Table(header.number, tuple(unescape(c) for c in header.cells), data)
    except OSError as exc:
        raise PosError(_("Berkas {path} tidak dapat dibaca: {error}", path=path, error=exc.strerror or exc)) from exc


def _blank(cells: Sequence[str]) -> bool:
    return all(not cell.strip() for cell in cells)


@contextmanager
def _open_csv(path: Path) -> Iterator[Iterator[SheetRow]]:
    with open(path, "rb") as binary:
        start = binary.read(4)
        binary.seek(0)
        if start.startswith(b"PK\x03\x04"):
            raise TableError(_("Berkas {name} berisi XLSX, bukan CSV: ganti akhiran namanya menjadi .xlsx",
                               name=path.name))
        if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            raise TableError(_("Berkas {name} tersimpan sebagai UTF-16; simpan ulang sebagai \"CSV UTF-8\"",
                               name=path.name))
        yield _csv_rows(_Lines(binary))


class _Lines:
    """Decoded lines of a CSV file, remembering which ones were not valid UTF-8."""

    def __init__(self, binary) -> None:
        self._binary = binary
        self._first = True
        self.line = 0
        self.problem: str | None = None

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        raw = self._binary.readline(_MAX_LINE)
        if not raw:
            raise StopIteration
        self.line += 1
        if len(raw) == _MAX_LINE and not raw.endswith(b"\n"):
            raise TableError(_("Baris terlalu panjang; apakah ini benar berkas CSV?"), self.line)
        if self._first:
            raw = raw.removeprefix(codecs.BOM_UTF8)
            self._first = False
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("utf-8", "replace")
            self.problem = self.problem or _(
                "teks bukan UTF-8 (mungkin tersimpan sebagai ANSI/Windows-1252); "
                "simpan ulang berkas sebagai \"CSV UTF-8\"")
        if "\x00" in text:
            text = text.replace("\x00", "")
            self.problem = self.problem or _("baris berisi karakter NUL; berkas rusak atau bukan CSV")
        return text


def _csv_rows(lines: _Lines) -> Iterator[SheetRow]:
    try:
        first = next(lines)
    except StopIteration:
        return
    delimiter = ";" if _count_outside_quotes(first, ";") > _count_outside_quotes(first, ",") else ","
    # strict: an unclosed quote is an error, not a cell that swallows the rest of the file
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter, strict=True)
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise TableError(_("CSV rusak: {error}", error=exc), number + 1) from exc
        number += 1
        problem, lines.problem = lines.problem, None
        yield SheetRow(number, tuple(cells), problem)


def _count_outside_quotes(line: str, char: str) -> int:
    return sum(part.count(char) for part in line.split('"')[::2])


@contextmanager
def _open_xlsx(path: Path) -> Iterator[Iterator[SheetRow]]:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except OSError:
        raise
    except Exception as exc:  # openpyxl reports a damaged file through many exception types
        raise TableError(_("Berkas {name} bukan XLSX yang dapat dibaca (.xls lama tidak didukung; "
                           "simpan sebagai .xlsx atau CSV UTF-8)", name=path.name)) from exc
    try:
        if not workbook.worksheets:
            raise TableError(_("Berkas kosong: {name}", name=path.name))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some programs write a wrong sheet size, which would cut rows off
        yield _xlsx_rows(sheet, path)
    finally:
        workbook.close()


def _xlsx_rows(sheet, path: Path) -> Iterator[SheetRow]:
    rows = sheet.iter_rows(min_row=1, values_only=True)
    number = 0
    while True:
        try:
            values = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # a damaged sheet part surfaces only while reading it
            raise TableError(_("Berkas {name} rusak setelah baris {row}", name=path.name, row=number),
                             number + 1) from exc
        number += 1
        yield SheetRow(number, tuple(_xlsx_text(value) for value in values))


def _xlsx_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Excel keeps every number as a float: 12500.0 is the 12500 the user typed.
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)  # a fraction or a rounded huge number; the column checks refuse it
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return str(value)


def write_table(path: Path, columns: Sequence[str], rows: Iterable[Sequence[str | int | None]]) -> int:
    """Write a header and rows to ``path`` (.csv: UTF-8 with BOM, comma; .xlsx); returns the row count.

    Text cells are escaped against formula injection; ``int`` cells are written
    as numbers.  The file appears complete or not at all (temporary file, then
    rename), and an existing file is only replaced once the new one is written.
    """
    path = Path(path)
    kind = table_format(path)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise PosError(_("Berkas {path} tidak dapat ditulis: {error}", path=path, error=exc.strerror or exc)) from exc
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as binary:
            count = (_write_csv if kind == "csv" else _write_xlsx)(binary, columns, rows)
            binary.flush()
            os.fsync(binary.fileno())
        os.chmod(temp, _FILE_MODE)  # mkstemp makes it private; an export is an ordinary document
        os.replace(temp, path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise PosError(_("Berkas {path} tidak dapat ditulis: {error}", path=path, error=exc.strerror or exc)) from exc
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return count


def _write_csv(binary, columns: Sequence[str], rows: Iterable[Sequence[str | int | None]]) -> int:
    text = codecs.getwriter("utf-8")(binary)
    text.write("\ufeff")  # Excel reads UTF-8 only with the BOM
    writer = csv.writer(text, delimiter=",", lineterminator="\r\n")
    writer.writerow([escape(c) for c in columns])
    count = 0
    for row in rows:
        writer.writerow(["" if c is None else str(c) if isinstance(c, int) else escape(c) for c in row])
        count += 1
    return count


def _write_xlsx(binary, columns: Sequence[str], rows: Iterable[Sequence[str | int | None]]) -> int:
    import openpyxl
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.exceptions import IllegalCharacterError

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.freeze_panes = "A2"  # the column titles stay in view while scrolling
    for number, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(number)].width = _WIDE if column == "name" else _NARROW
    sheet.append(list(columns))
    count = 0
    for row in rows:
        cells = []
        for value in row:
            if value is None or isinstance(value, int):
                cells.append(value)
                continue
            # Text format, so that a barcode edited in Excel keeps its leading zeros.
            cell = WriteOnlyCell(sheet)
            try:
                cell.value = escape(value)
            except IllegalCharacterError as exc:
                raise ValidationError(_("Teks berisi karakter kendali yang tidak dapat disimpan di XLSX: {value}",
                                        value=shown(value))) from exc
            cell.number_format = "@"
            cells.append(cell)
        sheet.append(cells)
        count += 1
    workbook.save(binary)
    return count
