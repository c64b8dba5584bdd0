from django import forms
from django.conf import settings

from .validation import reject_bad_characters, reject_blank

MAX_LENGTH = settings.MAJLIS["COMMENT_MAX_LENGTH"]


class CommentForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=80,
        error_messages={"required": "Please enter your name.", "max_length": "Names can be at most 80 characters."},
    )
    email = forms.EmailField(
        label="E-mail",
        max_length=254,
        help_text="Required, never shown publicly.",
        error_messages={"required": "Please enter your e-mail address.", "invalid": "Please enter a valid e-mail address."},
    )
    text = forms.CharField(
        label="Comment",
        strip=False,  # stored exactly as typed
        max_length=MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": MAX_LENGTH, "dir": "auto"}),
        error_messages={
            "required": "Please write a comment before posting.",
            "max_length": f"Comments can be at most {MAX_LENGTH:,} characters (yours has %(show_value)d).",
        },
    )
    # Honeypot: hidden from people by CSS, tempting for bots.
    website = forms.CharField(required=False, label="Leave this field empty")

    def clean_name(self):
        name = self.cleaned_data["name"]
        reject_bad_characters(name, multiline=False)
        return name

    def clean_email(self):
        email = self.cleaned_data["email"]
        reject_bad_characters(email, multiline=False)
        return email.strip().lower()

    def clean_text(self):
        text = self.cleaned_data["text"]
        reject_blank(text)
        reject_bad_characters(text)
        return text

    @property
    def is_bot(self):
        return bool(self.data.get("website"))
