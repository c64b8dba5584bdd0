"""Automatic decisions from screening scores, as the site policy allows.

Everything here is off by default: the publisher's policy is that people
moderate every comment. When an admin turns a rule on, each automatic
decision is audited as made by "screening", with the scores behind it."""
from majlis.comments.models import Commenter

from . import actions
from .models import SitePolicy

SCREENING = "screening"


def guideline_scores(comment):
    return {code: score for code, score in (comment.screening_scores or {}).items() if code != "off_topic"}


def apply_policy(comment, policy=None):
    """Decide `comment` automatically if a policy rule applies; return the
    decided comment, or None when it stays in the queue for people."""
    policy = policy or SitePolicy.current()
    scores = guideline_scores(comment)
    if not scores:
        return None
    top = max(scores.values())
    details = {"scores": comment.screening_scores}
    try:
        if policy.auto_reject_threshold is not None and top >= policy.auto_reject_threshold:
            reasons = [code for code, score in scores.items() if score >= policy.auto_reject_threshold]
            return actions.reject(comment.pk, actor=None, actor_label=SCREENING, reasons=reasons,
                                  details={**details, "rule": "auto_reject_threshold"})
        clean = all(score < policy.likely_threshold(code) for code, score in scores.items())
        trusted = comment.commenter_id and Commenter.objects.filter(
            pk=comment.commenter_id, status=Commenter.Status.TRUSTED).exists()
        if policy.trusted_auto_approve and trusted and clean:
            return actions.approve(comment.pk, actor=None, actor_label=SCREENING,
                                   details={**details, "rule": "trusted_auto_approve"})
        if policy.auto_approve_floor is not None and top < policy.auto_approve_floor:
            return actions.approve(comment.pk, actor=None, actor_label=SCREENING,
                                   details={**details, "rule": "auto_approve_floor"})
    except actions.AlreadyDecided:
        return None
    return None
