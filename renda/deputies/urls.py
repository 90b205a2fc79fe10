from django.urls import path  # noqa: F401

app_name = "deputies"
urlpatterns: list = [
    # ------------------------------------------------------------ deputies, groups, delegations, import, composition
    # ------------------------------------------------------------ liaison stations, reception days, activities
]
