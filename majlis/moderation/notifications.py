"""E-mails to commenters when their comment is decided (off by default;
site policy `notify_commenters`). Sent by a background task through
Django's e-mail backend; the text is quoted exactly as submitted."""
from django.conf import settings
from django.core.mail import send_mail
from django.dispatch import receiver
from django.template.loader import render_to_string
from django_tasks import task

from majlis.comments.models import Comment
from majlis.comments.signals import comment_decided

from .models import AuditEntry, SitePolicy
from .reasons import REASON_LABELS

# Plain words for each guideline, as a reader would understand them.
PLAIN_REASONS = {
    "profanity": "it contains profanity",
    "vulgarity": "it contains vulgar or sexually explicit language",
    "threat": "it contains a threat or incites violence",
    "personal_attack": "it attacks a person rather than their argument",
    "identity_abuse": "it is abusive about people for who they are (sexism, racism, homophobia, xenophobia or sectarianism)",
    "promotion": "it promotes a product, service, channel or page",
    "other": "it does not meet our community guidelines",
}
NOTIFY_ACTIONS = {AuditEntry.Action.APPROVE, AuditEntry.Action.REJECT, AuditEntry.Action.REVERSE_TO_REJECTED}


def build_message(comment, entry):
    approved = entry.to_status == Comment.Status.APPROVED
    context = {
        "comment": comment,
        "article": comment.article,
        "approved": approved,
        "reasons": [PLAIN_REASONS.get(code, REASON_LABELS.get(code, code)) for code in entry.reasons],
        "site_name": settings.MAJLIS["SITE_NAME"],
    }
    subject = (f"Your comment on “{comment.article.headline}” was published" if approved
               else f"Your comment on “{comment.article.headline}” was not published")
    return subject, render_to_string("moderation/email/decision.txt", context)


@task()
def send_decision_email(entry_id):
    entry = AuditEntry.objects.select_related("comment__article").get(pk=entry_id)
    comment = entry.comment
    if comment is None or comment.erased_at is not None:
        return
    subject, body = build_message(comment, entry)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.author_email])


@receiver(comment_decided, dispatch_uid="majlis.moderation.notify_commenter")
def notify_commenter(sender, comment, entry, **kwargs):
    if entry.action in NOTIFY_ACTIONS and SitePolicy.current().notify_commenters:
        send_decision_email.enqueue(entry.pk)
