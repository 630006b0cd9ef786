"""Which addresses a crawl may connect to: public ones only, unless a site's profile allows its own
private hosts (`private_network = true`: the samples on 127.0.0.1, never a real site).

A URL's host is read in every form an address can be written (`127.1`, `2130706433`, `0x7f.1`,
`[::ffff:127.0.0.1]`), and a name is judged by the address it resolves to
(crawlers/middlewares.py `ScopeMiddleware`), so neither a numeric spelling nor a DNS name pointing
at 127.0.0.1 or 10.x reaches the inside of the assessor's network.
"""

from __future__ import annotations

import ipaddress
import re
import socket

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
LOCAL_NAMES = ("localhost", "localhost.localdomain")
# what inet_aton accepts as an IPv4 address: dotted parts in decimal, octal or hex, 1 to 4 of them
NUMERIC_HOST = re.compile(r"^(?:0x[0-9a-f]+|[0-9]+)(?:\.(?:0x[0-9a-f]+|[0-9]+)){0,3}\.?$", re.I)


def host_address(host: str) -> Address | None:
    """The address a URL's host names literally, in any spelling; None for a DNS name."""
    host = host.strip("[]").lower()
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        if not NUMERIC_HOST.match(host):
            return None
        try:
            address = ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
        except OSError:
            return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def is_public_address(address: Address) -> bool:
    """Not private, loopback, link-local, unspecified, reserved, multicast or shared (100.64/10)."""
    return address.is_global and not address.is_multicast


def is_private_host(host: str) -> bool:
    """A host no real commission site has, judged from its text alone: a local name, or an
    address (in any spelling) that is not public. A DNS name is judged when it is resolved."""
    name = host.strip("[]").lower().rstrip(".")
    if name in LOCAL_NAMES or name.endswith(".localhost"):
        return True
    address = host_address(host)
    return address is not None and not is_public_address(address)
