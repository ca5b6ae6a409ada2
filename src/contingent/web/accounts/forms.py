"""Account forms. Validation is on the server; errors are attached to their field."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.utils.translation import gettext_lazy as _

from contingent.core.ledger.append import FIELD_MAX_LENGTHS
from contingent.web.forcegen.models import Contributor

from .models import Organisation
from .roles import Role


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=200)


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Email"))
    role = forms.ChoiceField(label=_("Role"), choices=[(r.value, r.value) for r in Role])
    contributor = forms.ModelChoiceField(
        label=_("Contributor (liaisons)"),
        queryset=Contributor.objects.order_by("code"),
        required=False,
        to_field_name="code",
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation (humanitarian officers)"),
        queryset=Organisation.objects.all(),
        required=False,
        to_field_name="key",
    )

    def clean(self):  # noqa: ANN201
        data = super().clean()
        role = data.get("role")
        if role == Role.LIAISON and not data.get("contributor"):
            self.add_error("contributor", _("A liaison is bound to one contributor."))
        if role != Role.LIAISON and data.get("contributor"):
            self.add_error("contributor", _("Only liaisons are bound to a contributor."))
        if role == Role.HUMANITARIAN and not data.get("organisation"):
            self.add_error(
                "organisation", _("A humanitarian officer is bound to one organisation.")
            )
        if role != Role.HUMANITARIAN and data.get("organisation"):
            self.add_error(
                "organisation", _("Only humanitarian officers are bound to an organisation.")
            )
        return data


# Every change a user makes is in the ledger as ``user:<username>`` (the actor column holds 64
# characters, and a leading ``~`` marks a pseudonym there): a name that cannot be recorded there
# is refused at sign-up, next to its field, instead of failing the sign-up's own ledger entry.
USERNAME_MAX = FIELD_MAX_LENGTHS["actor"] - len("user:")


class AcceptInvitationForm(forms.Form):
    username = forms.CharField(
        label=_("Username"), max_length=USERNAME_MAX, validators=[UnicodeUsernameValidator()]
    )
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, max_length=200)
    password_again = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput, max_length=200
    )

    def clean_username(self) -> str:
        name = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=name).exists():
            raise forms.ValidationError(_("This username is taken."))
        return name

    def clean(self):  # noqa: ANN201
        data = super().clean()
        pw, again = data.get("password"), data.get("password_again")
        if pw and again and pw != again:
            self.add_error("password_again", _("The two passwords differ."))
        elif pw:
            try:
                password_validation.validate_password(pw)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data


class TokenForm(forms.Form):
    name = forms.CharField(label=_("Token name"), max_length=100)
