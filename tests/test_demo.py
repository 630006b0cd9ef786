"""`zwgk demo` says what to do when its ports are taken. The demo run twice into one file, storing
the same rows (issue 8), is checked on the built wheel's demo (tests/test_install.py): the suite
runs the whole job end to end once per command, not once per test file."""

from __future__ import annotations

import socket

from .conftest import run_zwgk
from .support.fragile import free_ports


def test_the_demo_says_what_to_do_when_its_ports_are_taken(tmp_path):
    port = free_ports(6)
    holder = socket.socket()
    holder.bind(("127.0.0.1", port + 2))
    holder.listen()
    try:
        result = run_zwgk("demo", "--db", str(tmp_path / "x.duckdb"), "--port", str(port))
    finally:
        holder.close()
    assert result.returncode == 2
    assert "zwgk demo --port N" in result.stderr
    assert not (tmp_path / "x.duckdb").exists()  # nothing written
