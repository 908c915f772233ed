"""What the till's status line says about receipts on their way through the print queue.

``TillPrinting`` follows one request of the cashier screen at a time: the
receipt of the sale just paid, a copy the cashier was allowed (F9), or the
whole queue (F9 while receipts wait, "Cetak antrean").  ``PrintQueueRunner.run``
says which pass serves a request -- a new one, or the one after the pass
already under way -- and the request is answered once, when that pass ends,
counting what every pass printed since the request.  So the pass that was
under way when the cashier asked (it may have started before the receipt
was queued, or with the printer of before) never answers for it, and never
puts a second, contradicting message in the status line.  A receipt that
comes out earlier is reported at once.

F9 never prints a copy of a receipt whose original is still in the queue
(queued, or being printed right now): ``print_queue`` tells the cashier it
is waiting and has the queue printed (again, after the pass under way).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from shiboken6 import isValid

from nttmart_pos.errors import PosError, PrinterError
from nttmart_pos.i18n import _
from nttmart_pos.services.print_queue import PrintedJob, QueueRun, enqueue_copy, waiting_receipts
from nttmart_pos.ui.errors import user_message
from nttmart_pos.ui.sound import error_beep
from nttmart_pos.ui.till_actions import STYLE_ERROR, STYLE_INFO, STYLE_OK


class TillPrinting(QObject):
    """The cashier ``screen``'s receipts in its print queue (``screen.printQueue``) and the status line."""

    def __init__(self, screen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.runner = screen.printQueue
        self._receipt: str | None = None  # the receipt whose printing the status line reports ...
        self._queue = False  # ... or the queue the cashier asked for
        self._pass = 0  # the pass that answers the request
        self._printed: list[PrintedJob] = []  # what the passes printed since the request
        self.runner.finished.connect(self._done)
        self.runner.failed.connect(self._broke)

    @property
    def context(self):
        return self.screen.context

    def print_receipt(self, receipt_no: str, *, copy: bool) -> None:
        """Print the queue now (or after the pass under way) and report ``receipt_no``; a copy (an allowed
        reprint) is queued first.

        A sale's original receipt was queued by ``checkout`` in the sale's own
        transaction, so it is never lost between the commit and the printer.
        """
        if copy:
            try:
                enqueue_copy(self.context.uow(write=True), "sale", receipt_no, self.context.settings.terminal_id)
            except PosError as exc:
                self._stop()
                self._not_printed(receipt_no, exc)
                return
        self._follow(receipt_no, self.runner.run(everything=copy))

    def print_queue(self, last_receipt: str | None = None) -> bool:
        """F9 / "Cetak antrean": print the receipts waiting in the queue; False if none wait.

        ``last_receipt`` (F9): the receipt the cashier wants again; if its
        original is among those waiting, the status line says so.
        """
        try:
            waiting = waiting_receipts(self.context.uow(), self.context.settings.terminal_id)
        except PosError as exc:
            self.screen.scan_failed(exc)
            return True
        if not waiting:
            return False
        if last_receipt is not None and ("sale", last_receipt) in waiting:
            text = _("Struk {number} masih menunggu di antrean cetak dan dicetak begitu printer menjawab "
                     "(tidak dicetak salinan).", number=last_receipt)
        else:
            text = _("Mencetak {count} struk dari antrean...", count=len(waiting))
        self.screen.show_status(text, STYLE_INFO)
        self._follow(None, self.runner.run(everything=True))
        return True

    # -- answering the request --------------------------------------------------
    def _follow(self, receipt: str | None, pass_no: int) -> None:
        if (receipt, receipt is None) != (self._receipt, self._queue):  # a new request, not the same one again
            self._printed = []
        self._receipt, self._queue, self._pass = receipt, receipt is None, pass_no

    def _stop(self) -> None:
        self._receipt, self._queue, self._printed = None, False, []

    def _done(self, run: QueueRun) -> None:
        if not (self._receipt or self._queue) or not isValid(self.screen):
            return
        self._printed += run.printed
        receipt, answered = self._receipt, self.runner.passes >= self._pass
        printed = [job for job in self._printed if receipt and job.kind == "sale" and job.ref == receipt]
        if printed:
            self._stop()
            self._printed_receipt(receipt, copy=all(job.copy for job in printed))
        elif not answered:  # the pass that serves the request comes next
            return
        elif receipt:
            if run.error:  # else it was not this pass's to print (e.g. it failed for good): a later one says
                self._stop()
                self._not_printed(receipt, PrinterError(run.error))
        else:
            count = len(self._printed)
            self._stop()
            if run.error:
                self.screen.show_status(_("Antrean belum tercetak: {reason}", reason=run.error), STYLE_ERROR)
                error_beep()
            else:
                self.screen.show_status(_("{count} struk dari antrean tercetak", count=count), STYLE_OK)

    def _broke(self, exc: BaseException) -> None:
        if not (self._receipt or self._queue) or not isValid(self.screen) or self.runner.passes < self._pass:
            return
        receipt = self._receipt
        self._stop()
        if receipt:
            self._not_printed(receipt, exc)
        else:
            self.screen.scan_failed(exc)

    def _printed_receipt(self, receipt_no: str, *, copy: bool = False) -> None:
        if copy:  # F9: say it was the copy, so nobody hands it over as the original
            text = _("Salinan struk {number} tercetak (cetak ulang). Silakan pindai barang berikutnya.",
                     number=receipt_no)
        else:
            text = _("Struk {number} tercetak. Silakan pindai barang berikutnya.", number=receipt_no)
        self.screen.show_status(text, STYLE_OK)

    def _not_printed(self, receipt_no: str, exc: BaseException) -> None:
        if not isValid(self.screen):
            return
        self.screen.show_status(_("Struk {number} belum tercetak: {reason}\nStruk menunggu di antrean dan dicetak "
                                  "otomatis; tekan F9 untuk mencoba sekarang.", number=receipt_no,
                                  reason=user_message(exc)), STYLE_ERROR)
        error_beep()
