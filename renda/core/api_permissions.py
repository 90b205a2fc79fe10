"""DRF permission classes that ask can(user, capability) (docs/adr/0003), so the API and the pages agree."""

from rest_framework.permissions import DjangoModelPermissions

from renda.core.registry import platforms
from renda.core.roles import Role, can, user_roles


class ModelCapabilities(DjangoModelPermissions):
    """Like DjangoModelPermissions (reads for signed-in users; POST needs "<app>.add_<model>", PUT and PATCH
    "<app>.change_<model>", DELETE "<app>.delete_<model>"), but each is checked with can(). A capability no app
    declares (DELETE on a model nobody deletes through the API) is held by administrators only, as Django's
    permissions were."""

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not user or not user.is_authenticated:
            return False
        if getattr(view, "_ignore_model_permissions", False):
            return True
        model = self._queryset(view).model
        declared = platforms().capabilities
        return all(
            can(user, name) if name in declared else Role.ADMIN in user_roles(user)
            for name in self.get_required_permissions(request.method, model)
        )


class ChangeActionCapabilities(ModelCapabilities):
    """For a POST action on an existing record (set current, end, record, change status…): the model's change
    capability, where ModelCapabilities would ask for the add one."""

    perms_map = {**DjangoModelPermissions.perms_map, "POST": ["%(app_label)s.change_%(model_name)s"]}
