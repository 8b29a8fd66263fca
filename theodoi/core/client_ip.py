"""The client's address, also when the app runs behind the province's reverse proxy.

Behind a proxy every request comes from the proxy's own address (REMOTE_ADDR), so a
lockout keyed on it would lock everybody out after five bad passwords from anyone. The
proxy appends the address it saw to X-Forwarded-For; only the entries the trusted
proxies added count: the right-most one for one proxy, the PROXY_COUNT-th from the right
for a chain. Entries further left come from the client and can be forged.
"""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    remote = request.META.get("REMOTE_ADDR")
    if not getattr(settings, "BEHIND_PROXY", False):
        return remote
    count = max(int(getattr(settings, "PROXY_COUNT", 1)), 1)
    header = request.META.get("HTTP_X_FORWARDED_FOR", "")
    forwarded = [part.strip() for part in header.split(",") if part.strip()]
    if len(forwarded) < count:
        return remote
    address = forwarded[-count]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return remote
