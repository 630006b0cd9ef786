"""Every command has help that teaches; serve-samples serves and prints its URLs."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from zwgk.cli import build_parser


def subcommands() -> list[str]:
    parser = build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    return sorted(action.choices)


def test_top_level_help_lists_commands(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["--help"])
    out = capsys.readouterr().out
    for name in subcommands():
        assert name in out


@pytest.mark.parametrize("name", subcommands())
def test_every_command_has_help(name, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args([name, "--help"])
    out = capsys.readouterr().out
    assert len(out.splitlines()) >= 5 and "usage:" in out


def test_serve_samples_prints_urls_that_answer():
    proc = subprocess.Popen(
        [sys.executable, "-m", "zwgk.cli", "serve-samples", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        header = proc.stdout.readline()
        assert "serving 6 sample sites" in header
        urls = [proc.stdout.readline().split()[2] for _ in range(6)]
        for url in urls:
            with urllib.request.urlopen(url, timeout=10) as resp:
                assert resp.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert proc.returncode == 0
