"""Store settings: one typed object, kept in a TOML file under the user's config dir.

Where things are found, in order: ``--config PATH``, ``$NTTMART_CONFIG``, then
``settings.toml`` in platformdirs' user config directory.  A missing file means
defaults; a broken file is a ``ConfigError`` with a message naming the problem.
Saving writes a temporary file and renames it, so a crash or a full disk never
leaves half a settings file behind.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import platformdirs
import tomli_w

from nttmart_pos.errors import ConfigError, QrisError
from nttmart_pos.i18n import LANGUAGES, _

APP_NAME = "nttmart-pos"
TAX_MODES = ("non_pkp", "pkp")
PAPER_WIDTHS = (58, 80)
NEGATIVE_STOCK_POLICIES = ("allow", "block")  # sell beyond the stock in the system, or refuse
INT_SETTINGS = ("paper_width", "discount_limit_pct", "idle_lock_minutes", "backup_keep")
MAX_BACKUP_KEEP = 10_000


@dataclass(frozen=True)
class Settings:
    store_name: str = "NTT Mart"
    store_address: str = "Jl. El Tari No. 1, Oebobo, Kota Kupang"
    store_phone: str = "0380-000000"
    footer: str = "Terima kasih telah mendukung UMKM NTT"
    terminal_id: str = "T01"
    printer_url: str = "none"
    paper_width: int = 58
    qris_static: str = ""
    language: str = "id"
    tax_mode: str = "non_pkp"
    # a cashier may give discounts up to this percent of the sale; above it a supervisor's PIN
    discount_limit_pct: int = 5
    idle_lock_minutes: int = 5  # the till locks itself after this long without a key or click; 0: never
    # "allow": goods in the customer's hand are sold even when the system has none (listed as "Stok minus");
    # "block": such a sale is refused
    negative_stock: str = "allow"
    # the daily backup written after each shift closing (SQLite); "": "backups" beside the database file
    backup_folder: str = ""
    backup_keep: int = 14  # the newest this many daily backups are kept, older ones deleted

    def validated(self) -> "Settings":
        """Return self, or raise ``ConfigError`` naming the first bad field."""
        if self.language not in LANGUAGES:
            raise ConfigError(_("Bahasa tidak dikenal: {value}", value=self.language))
        if self.tax_mode not in TAX_MODES:
            raise ConfigError(_("Mode pajak tidak dikenal: {value}", value=self.tax_mode))
        if self.negative_stock not in NEGATIVE_STOCK_POLICIES:
            raise ConfigError(_("Aturan stok minus tidak dikenal: {value} (pilih allow atau block)",
                                value=self.negative_stock))
        if self.paper_width not in PAPER_WIDTHS:
            raise ConfigError(_("Lebar kertas harus 58 atau 80 mm, bukan {value}", value=self.paper_width))
        tid = self.terminal_id
        if not (1 <= len(tid) <= 8 and tid.isascii() and tid.isalnum()):
            raise ConfigError(_("ID terminal harus 1-8 huruf/angka, bukan {value}", value=tid))
        if not 0 <= self.discount_limit_pct <= 100:
            raise ConfigError(_("Batas diskon kasir harus 0 sampai 100 persen, bukan {value}",
                                value=self.discount_limit_pct))
        if not 0 <= self.idle_lock_minutes <= 240:
            raise ConfigError(_("Waktu kunci otomatis harus 0 sampai 240 menit, bukan {value}",
                                value=self.idle_lock_minutes))
        if not 1 <= self.backup_keep <= MAX_BACKUP_KEEP:
            raise ConfigError(_("Jumlah cadangan yang disimpan harus 1 sampai {most}, bukan {value}",
                                most=MAX_BACKUP_KEEP, value=self.backup_keep))
        if any(not char.isprintable() for char in self.backup_folder):
            raise ConfigError(_("Folder cadangan tidak valid: {value}", value=repr(self.backup_folder)))
        if not self.store_name.strip():
            raise ConfigError(_("Nama toko tidak boleh kosong"))
        if self.qris_static:
            from nttmart_pos.domain.qris import validate_qris

            validate_qris(self.qris_static)
        return self


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "settings.toml"


def config_path(override: str | None = None) -> Path:
    """The settings file in use: the option, else ``$NTTMART_CONFIG``, else the default."""
    chosen = override or os.environ.get("NTTMART_CONFIG")
    return Path(chosen).expanduser() if chosen else default_config_path()


def load_settings(path: Path) -> Settings:
    """Read settings from ``path``; defaults for every key the file does not set."""
    if not path.exists():
        return Settings()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(_("Berkas pengaturan {path} rusak: {error}", path=path, error=exc)) from exc
    except RecursionError as exc:  # arrays or tables nested thousands deep
        raise ConfigError(_("Berkas pengaturan {path} rusak: {error}", path=path,
                            error=_("isinya bersarang terlalu dalam"))) from exc
    section = raw.get("store", raw)
    if not isinstance(section, dict):
        raise ConfigError(_("Pengaturan store di {path} harus berupa tabel [store]", path=path))
    known = {f.name: f.type for f in fields(Settings)}
    values: dict[str, object] = {}
    for key, value in section.items():
        if key not in known:
            continue
        expected = int if key in INT_SETTINGS else str
        if isinstance(value, bool) or not isinstance(value, expected):
            raise ConfigError(_("Pengaturan {key} di {path} tidak valid: {value}", key=key, path=path, value=value))
        values[key] = value
    try:
        return replace(Settings(), **values).validated()
    except QrisError as exc:  # a settings file that cannot be used is a ConfigError, whatever the field
        raise ConfigError(_("QRIS di berkas pengaturan {path} tidak valid: {error}", path=path, error=exc)) from exc


def save_settings(settings: Settings, path: Path) -> None:
    """Write settings atomically (temporary file, fsync, rename)."""
    settings.validated()
    data = tomli_w.dumps({"store": asdict(settings)})
    tmp = path.with_name(path.name + ".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ConfigError(_("Pengaturan tidak dapat disimpan ke {path}: {error}", path=path, error=exc.strerror or exc)) from exc
