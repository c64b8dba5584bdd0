"""Events other parts of Majlis (webhooks, e-mails) subscribe to.

Both are sent after the database transaction commits, so receivers never
see a decision that was rolled back."""
from django.dispatch import Signal

# kwargs: comment
comment_submitted = Signal()
# kwargs: comment, entry (the AuditEntry: action approve / reject /
# reverse_reject / reverse_approve, actor_label, reasons, note)
comment_decided = Signal()
