"""The one root of every error the program shows to a user.

Every expected failure (bad input, unknown barcode, printer offline, ...) is a
``PosError`` subclass whose ``str()`` is a message already in the user's
language.  The UI shows those messages as they are; anything else is a bug and
goes to the log with its traceback.
"""


class PosError(Exception):
    """An expected failure with a message fit for the user."""


class ValidationError(PosError):
    """The user typed or scanned something the program cannot accept."""


class NotFoundError(PosError):
    """A code, number or name that matches nothing."""


class BarcodeError(ValidationError):
    """A barcode that is malformed or has a wrong check digit."""


class MoneyError(ValidationError):
    """An amount that is not a whole, non-negative number of Rupiah."""


class QrisError(ValidationError):
    """A QRIS payload that does not parse or does not verify."""


class PaymentError(PosError):
    """A payment that does not cover the sale or is otherwise refused."""


class AuthError(PosError):
    """Wrong user name or PIN, or a locked account."""


class PrinterError(PosError):
    """The printer could not be reached or did not take the receipt."""


class DatabaseError(PosError):
    """The database is unreachable, full or read-only."""


class ConfigError(PosError):
    """A settings file or option that cannot be used."""


class PermissionDenied(PosError):
    """The user's role does not allow this action."""


class JournalError(PosError):
    """The journal key is missing or the journal cannot be extended."""


class SaleOutcomeUnknown(DatabaseError):
    """The link to the database broke while a sale was being committed: it may or may not be stored.

    ``receipt_no`` and ``total`` name the sale, so that the till can look it up
    (``services.checkout.sale_recorded``) once the database answers again,
    instead of taking the payment a second time.
    """

    def __init__(self, message: str, receipt_no: str, total: int) -> None:
        super().__init__(message)
        self.receipt_no = receipt_no
        self.total = total
