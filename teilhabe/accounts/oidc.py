"""Single sign-on with OpenID Connect (optional; see docs/operations.md).

Users are not created by a login: the administrator creates the user and its roles,
and the identity provider's e-mail address finds it.
"""

from __future__ import annotations

from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend


class TeilhabeOIDCBackend(OIDCAuthenticationBackend):
    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)
