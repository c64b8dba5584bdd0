"""The admin-only data-rights page: export a commenter's data as JSON, or
erase it after a confirmation step."""
import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from majlis.comments.models import Comment, Commenter

from .datarights import NothingStored, _comments_for, erase_commenter, export_commenter, normalise

PERMISSION = "integrations.manage_data_rights"


def can_manage(user):
    return user.is_active and user.is_staff and user.has_perm(PERMISSION)


@never_cache
@require_http_methods(["GET", "POST"])
def data_rights(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not can_manage(request.user):
        raise PermissionDenied
    context = {"email": "", "error": ""}
    if request.method == "POST":
        email = normalise(request.POST.get("email"))
        action = request.POST.get("action")
        context["email"] = email
        try:
            validate_email(email)
        except ValidationError:
            context["error"] = "Enter a valid e-mail address."
            return render(request, "integrations/data_rights.html", context, status=400)
        if action == "export":
            data = export_commenter(email, actor=request.user)
            response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                    content_type="application/json; charset=utf-8")
            safe = "".join(ch if ch.isalnum() or ch in "._-" else "_" for ch in email)
            response["Content-Disposition"] = f'attachment; filename="majlis-export-{safe}.json"'
            return response
        if action == "erase":
            commenter = Commenter.objects.filter(email=email).first()
            count = _comments_for(email, commenter).count()
            if commenter is None and not count:
                context["error"] = "Nothing is stored for this e-mail address."
                return render(request, "integrations/data_rights.html", context, status=404)
            if request.POST.get("confirm") != email:
                approved = _comments_for(email, commenter).filter(status=Comment.Status.APPROVED).count()
                context.update(confirming=True, count=count, approved=approved, commenter=commenter)
                return render(request, "integrations/data_rights.html", context)
            choice = request.POST.get("text")
            remove_text = {"remove": True, "keep": False}.get(choice)
            try:
                summary = erase_commenter(email, actor=request.user, remove_text=remove_text)
            except NothingStored as exc:
                context["error"] = str(exc)
                return render(request, "integrations/data_rights.html", context, status=404)
            messages.success(request, f"Erased: {summary['comments']} comment(s), text "
                                      f"{'removed' if summary['text_removed'] else 'kept'}.")
            return redirect("integrations:data_rights")
        context["error"] = "Choose export or erase."
        return render(request, "integrations/data_rights.html", context, status=400)
    return render(request, "integrations/data_rights.html", context)
