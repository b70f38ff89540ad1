from django.contrib.auth import views as auth_views
from django.urls import path

from xhht.accounts import views
from xhht.accounts.manage import account_views, body_views

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.password_change, name="password_change"),
    path("otp/setup/", views.otp_setup, name="otp_setup"),
    path("otp/verify/", views.otp_verify, name="otp_verify"),
    # Managing accounts, roles and bodies (MANAGE_ACCOUNTS, inside the manager's places).
    path("manage/", account_views.user_list, name="manage_users"),
    path("manage/users/new/", account_views.user_create, name="manage_user_create"),
    path("manage/users/<int:pk>/", account_views.user_detail, name="manage_user"),
    path("manage/users/<int:pk>/edit/", account_views.user_edit, name="manage_user_edit"),
    path("manage/users/<int:pk>/active/", account_views.user_set_active, name="manage_user_active"),
    path(
        "manage/users/<int:pk>/password/",
        account_views.user_reset_password,
        name="manage_user_password",
    ),
    path("manage/users/<int:pk>/roles/new/", account_views.role_add, name="manage_role_add"),
    path("manage/roles/<int:pk>/remove/", account_views.role_remove, name="manage_role_remove"),
    path("manage/bodies/", body_views.body_list, name="manage_bodies"),
    path("manage/bodies/new/", body_views.body_create, name="manage_body_create"),
    path("manage/bodies/<int:pk>/", body_views.body_detail, name="manage_body"),
    path("manage/bodies/<int:pk>/edit/", body_views.body_edit, name="manage_body_edit"),
]
