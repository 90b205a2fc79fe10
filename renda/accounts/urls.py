from django.contrib.auth import views as auth_views
from django.urls import path

from renda.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/revoke/", views.tokens_revoke, name="tokens_revoke"),
    path("manage/", views.AccountListView.as_view(), name="manage"),
    path("manage/bulk/", views.accounts_bulk, name="bulk"),
    path("manage/<int:pk>/", views.account_detail, name="account_detail"),
    path("manage/<int:pk>/reset-password/", views.account_password_reset, name="account_password_reset"),
    path("manage/<int:pk>/unlock/", views.account_unlock, name="account_unlock"),
    path("manage/<int:pk>/deactivate/", views.account_deactivate, name="account_deactivate"),
    path("manage/<int:pk>/reactivate/", views.account_reactivate, name="account_reactivate"),
]
