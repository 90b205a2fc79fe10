import factory

from renda.accounts.models import User

PASSWORD = "renda-test-pw"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Sequence(lambda n: f"用户{n}")
    password = factory.django.Password(PASSWORD)  # hashed before the insert, so the stored user can sign in
