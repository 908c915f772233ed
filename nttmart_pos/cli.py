"""The ``nttmart-pos`` command: start the till, or set up a database from a terminal.

    nttmart-pos [--db URL] [--config PATH] ...            start the GUI
    nttmart-pos [...] init [--admin NAME --pin PIN]       create or upgrade the database
    nttmart-pos [...] demo [--no-gui]                     a demo store, then the GUI
    nttmart-pos qris --static PAYLOAD --amount N          print a dynamic QRIS
    nttmart-pos [...] journal verify                      check the journal (commands/journal.py)

Exit status: 0 done, 1 an error with a one-line message, 2 wrong usage (and a
QRIS payload or amount that cannot be used).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace

from sqlalchemy.exc import SQLAlchemyError

from nttmart_pos.commands import add_extension_commands, shown_url, upgraded_engine
from nttmart_pos.config import Settings, save_settings
from nttmart_pos.db.uow import UnitOfWork, database_error
from nttmart_pos.errors import ConfigError, PosError, ValidationError
from nttmart_pos.i18n import DEFAULT_LANGUAGE, _, set_language
from nttmart_pos.options import Options, add_global_options, options_from

PROG = "nttmart-pos"
EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2
# The public static QRIS test vector (a real merchant's format, CRC valid): lets
# the demo show a scannable payment code without the store's own QRIS.
DEMO_QRIS = (
    "00020101021126570011ID.DANA.WWW011893600915302259148102090225914810303UMI51440014ID.CO.QRIS.WWW"
    "0215ID10200176114730303UMI5204581253033605802ID5922Warung Sayur Bu Sugeng6010Kab. Demak"
    "610559567630458C7"
)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    early = _early_options(argv)
    if early is not None:
        _use_settings_language(early)  # before the parser, so that --help is in the store's language
    parser, init_parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command == "init" and (args.admin is None) != (args.pin is None):
            init_parser.error(_("--admin dan --pin harus dipakai bersama"))
    except SystemExit as exc:  # argparse: --help (0) or a usage error (2, message already printed)
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    try:
        options = options_from(args)
        if args.command == "qris":
            return _qris(args)
        if args.command == "init":
            return _init(args, options)
        if args.command == "demo":
            return _demo(args, options)
        if getattr(args, "run", None) is not None:  # a command from nttmart_pos/commands/
            return args.run(args, options)
        return _start_gui(options)
    except PosError as exc:
        return _fail(exc, EXIT_ERROR)
    except SQLAlchemyError as exc:
        return _fail(database_error(exc), EXIT_ERROR)
    except KeyboardInterrupt:
        return 130


def _build_parser() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    parser = argparse.ArgumentParser(prog=PROG, description=_("Kasir (POS) NTT Mart untuk barang titipan UMKM."))
    add_global_options(parser)
    commands = parser.add_subparsers(dest="command", metavar=_("PERINTAH"),
                                     title=_("perintah (tanpa perintah: buka kasir)"))
    init = commands.add_parser("init", help=_("buat atau perbarui database"),
                               description=_("Buat database baru atau perbarui ke versi terbaru."))
    init.add_argument("--admin", metavar=_("NAMA"), help=_("buat juga pengguna admin dengan nama ini"))
    init.add_argument("--pin", metavar="PIN", help=_("PIN admin (4-8 angka)"))
    demo = commands.add_parser("demo", help=_("isi database kosong dengan toko contoh lalu buka kasir"),
                               description=_("Muat data contoh (UMKM, barang, pengguna kasir/manajer) ke "
                                             "database yang belum berisi UMKM."))
    demo.add_argument("--no-gui", action="store_true", help=_("jangan buka kasir setelah memuat data"))
    qris = commands.add_parser("qris", help=_("cetak QRIS dinamis dengan nominal"),
                               description=_("Ubah QRIS statis merchant menjadi QRIS dinamis dengan nominal."))
    qris.add_argument("--static", required=True, metavar="PAYLOAD", help=_("isi QRIS statis merchant"))
    qris.add_argument("--amount", required=True, metavar=_("NOMINAL"), help=_("nominal Rupiah, mis. 25000 atau 25.000"))
    add_extension_commands(commands)
    return parser, init


def _early_options(argv: list[str]) -> Options | None:
    """The global options alone, read leniently; ``None`` leaves every complaint to the real parser."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False, exit_on_error=False)
    add_global_options(parser)
    try:
        known, _rest = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    return options_from(known)


def _use_settings_language(options: Options) -> None:
    """The settings file's language; a broken file only earns a warning (``qris``/``init`` still work)."""
    try:
        set_language(options.settings().language)
    except ConfigError as exc:
        set_language(DEFAULT_LANGUAGE)
        _warn(_("peringatan: {error}; memakai pengaturan bawaan", error=exc))


def _qris(args: argparse.Namespace) -> int:
    from nttmart_pos.domain.money import parse_rupiah
    from nttmart_pos.domain.qris import make_dynamic

    try:
        payload = make_dynamic(args.static, parse_rupiah(args.amount))
    except ValidationError as exc:  # QrisError or MoneyError: the input cannot be used
        return _fail(exc, EXIT_USAGE)
    print(payload)
    return EXIT_OK


def _init(args: argparse.Namespace, options: Options) -> int:
    from nttmart_pos.services.auth import check_pin_format, create_user
    from nttmart_pos.services.auth import user_exists

    if args.pin is not None:
        check_pin_format(args.pin)  # before touching the database
    had_key = options.journal_key_path.exists()
    engine = upgraded_engine(options)  # creates the journal key file for a database without a journal
    try:
        print(_("Database siap: {db}", db=shown_url(options.db_url)))
        _announce_key(options, had_key)
        if args.admin is None:
            return EXIT_OK
        if user_exists(UnitOfWork(engine), args.admin):
            print(_("Pengguna {name} sudah ada; tidak diubah.", name=args.admin.strip().lower()))
            return EXIT_OK
        user = create_user(UnitOfWork(engine, write=True), args.admin, args.admin, "admin", args.pin)
        print(_("Admin {name} dibuat.", name=user.username))
        return EXIT_OK
    finally:
        engine.dispose()


def _demo(args: argparse.Namespace, options: Options) -> int:
    from nttmart_pos.services.demo import DEMO_USERS, is_empty, load_demo

    had_key = options.journal_key_path.exists()
    engine = upgraded_engine(options)
    try:
        print(_("Database siap: {db}", db=shown_url(options.db_url)))
        _announce_key(options, had_key)
        if is_empty(UnitOfWork(engine)):
            summary = load_demo(UnitOfWork(engine, write=True))
            print(_("Data demo dimuat: {vendors} UMKM, {products} barang, {users} pengguna.",
                    vendors=summary.vendors, products=summary.products, users=summary.users))
            if summary.users == len(DEMO_USERS):
                logins = ", ".join(f"{name} / PIN {pin}" for name, pin, _role, _full in DEMO_USERS)
                print(_("Masuk dengan {logins}.", logins=logins))
        else:
            print(_("Database sudah berisi data UMKM; data demo tidak dimuat lagi."))
    finally:
        engine.dispose()
    if options.config_path.exists():
        print(_("Pengaturan yang ada dipakai: {path}", path=options.config_path))
    else:
        save_settings(replace(Settings(), qris_static=DEMO_QRIS), options.config_path)
        print(_("Pengaturan demo disimpan di {path} (dengan QRIS contoh).", path=options.config_path))
    if args.no_gui:
        return EXIT_OK
    return _start_gui(options)


def _announce_key(options: Options, had_key: bool) -> None:
    if not had_key and options.journal_key_path.exists():
        print(_("Kunci jurnal dibuat: {path}. Cadangkan berkas ini, dan salin ke setiap kasir yang memakai "
                "database yang sama.", path=options.journal_key_path))


def _start_gui(options: Options) -> int:
    from nttmart_pos.app import run  # Qt is loaded only when a window is wanted

    return run(options)


def _fail(error: Exception, code: int) -> int:
    _warn(" ".join(str(error).split()))
    return code


def _warn(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)
