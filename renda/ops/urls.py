from django.urls import path

from renda.ops.views import health

urlpatterns = [path("", health, name="health")]
