"""API of a unit's deputies' contact details: the deputies on its open cases (phones masked), and one deputy's
numbers (POST, each look logged). A deputy not on those cases is a 404, as on the pages."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, views
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from renda.casework.platform import DEPUTY_CONTACT
from renda.casework.selectors import deputies_contactable_by
from renda.casework.services import deputy_contact_reveal
from renda.casework.views import contact_details
from renda.core.privacy import mask_phone
from renda.core.roles import can


class PhoneSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="手机号 / 其他电话")  # type: ignore[assignment]
    number = serializers.CharField()


class DeputyContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    phones = PhoneSerializer(many=True)


def _require(request) -> None:
    if not can(request.user, DEPUTY_CONTACT):
        raise PermissionDenied("只有承办单位可以查看所办交办件涉及代表的联系方式。")


class DeputyContactListView(views.APIView):
    @extend_schema(
        summary="本单位在办交办件涉及的代表（电话遮蔽）", responses=DeputyContactSerializer(many=True)
    )
    def get(self, request):
        _require(request)
        rows = [
            {
                "id": deputy.pk,
                "name": deputy.name,
                "phones": [
                    {"label": label, "number": mask_phone(number)}
                    for label, number in contact_details(deputy)
                ],
            }
            for deputy in deputies_contactable_by(request.user).select_related("user")
        ]
        return Response(DeputyContactSerializer(rows, many=True).data)


class DeputyContactRevealView(views.APIView):
    @extend_schema(
        summary="显示代表联系方式（记录查看）",
        request=None,
        responses={
            200: DeputyContactSerializer,
            404: OpenApiResponse(description="不是本单位在办交办件涉及的代表"),
        },
    )
    def post(self, request, pk: int):
        _require(request)
        deputy = deputy_contact_reveal(deputy_pk=pk, actor=request.user)
        phones = [{"label": label, "number": number} for label, number in contact_details(deputy)]
        return Response(
            DeputyContactSerializer({"id": deputy.pk, "name": deputy.name, "phones": phones}).data
        )
