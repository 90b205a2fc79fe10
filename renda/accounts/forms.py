"""Sign-in and password forms with the platform's widgets."""

from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm

from renda.org.forms import style


class LoginForm(AuthenticationForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)


class PasswordForm(PasswordChangeForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        style(self.fields)
