from ninja.security import HttpBearer

from theodoi.api.models import ApiToken


class BearerToken(HttpBearer):
    """Authorization: Bearer <token>. Tokens are stored hashed (sha256)."""

    def authenticate(self, request, token):
        user = ApiToken.objects.authenticate(token)
        if user is not None:
            request.user = user
        return user
