"""Every command has help that teaches; serve-samples serves and prints its URLs."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import urllib.request

import pytest

from zwgk.cli import build_parser

from .conftest import ROOT, SAMPLE_SITES


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
        assert f"serving {len(SAMPLE_SITES)} sample sites" in header
        urls = [proc.stdout.readline().split()[2] for _ in SAMPLE_SITES]
        for url in urls:
            with urllib.request.urlopen(url, timeout=10) as resp:
                assert resp.status == 200
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=10)
    assert proc.returncode == 0


def test_crawl_help_lists_every_exit_status(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["crawl", "--help"])
    out = capsys.readouterr().out
    for code in ("  0 ", "  3 ", "  1 ", "  2 ", "  130 "):
        assert code in out


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["serve-samples", "--only", "bogus"],
            "no sample site bogus; the sample sites are jiangan",
        ),
        (["serve-samples", "--latency", "-5"], "--latency must be from 0 to 600000"),
        (["serve-samples", "--port", "80"], "--port must be 0 (any free ports) or from 1024"),
        (
            ["crawl", "--sites", "crawlers/sites/samples.toml", "--workers", "100"],
            "--workers must be from 0 to",
        ),
        (
            ["crawl", "--sites", "crawlers/sites/samples.toml", "--workers", "-1"],
            "--workers must be from 0 to",
        ),
    ],
)
def test_nonsense_options_are_refused_at_once(args, message, tmp_path):
    from .conftest import run_zwgk

    result = (
        run_zwgk(*args, "--db", str(tmp_path / "x.duckdb"), timeout=30)
        if args[0] == "crawl"
        else run_zwgk(*args, timeout=30)
    )
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x.work.duckdb").exists()


GBK_PAGE = (
    '<html><head><meta charset="gbk"><title>关于印发方案的通知</title></head><body>'
    "<p>发布日期：2025-03-05</p><p>正文内容</p></body></html>"
).encode("gbk")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "empty file"),
        (b"  \n\t ", "empty file"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "not an HTML page (binary content)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not an HTML page (binary content)"),
        (b"just some words, no markup", "not an HTML page (no markup"),
    ],
)
def test_extract_says_what_is_wrong_with_a_file_that_is_no_page(tmp_path, content, message):
    from .conftest import run_zwgk

    path = tmp_path / "page.html"
    path.write_bytes(content)
    result = run_zwgk("extract", str(path), timeout=60)
    assert result.returncode == 1
    assert result.stderr.strip() == f"zwgk: {path}: {message}" or message in result.stderr
    assert "codec" not in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == ""


def test_extract_reads_a_gbk_page_with_a_stray_byte_as_the_crawler_does(tmp_path):
    from .conftest import run_zwgk

    path = tmp_path / "page.html"
    path.write_bytes(GBK_PAGE.replace("正文".encode("gbk"), "正文".encode("gbk") + b"\xff"))
    result = run_zwgk("extract", str(path), "--jsonl", timeout=60)
    assert result.returncode == 0, result.stderr
    import json

    document = json.loads(result.stdout)["document"]
    assert document["title"] == "关于印发方案的通知"
    assert document["published_date"] == "2025-03-05"


def test_control_characters_in_crawled_text_never_reach_the_terminal(tmp_path):
    from .conftest import run_zwgk

    title = "通知\x1b[2J\x1b]0;pwned\x07\x9b31m标题"
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head><title>{title}</title></head><body><p>正文</p></body></html>",
        encoding="utf-8",
    )
    for args in ((), ("--jsonl",)):
        result = run_zwgk("extract", str(path), *args, timeout=60)
        assert result.returncode == 0, result.stderr
        for control in ("\x1b", "\x07", "\x9b"):
            assert control not in result.stdout
    assert "通知?[2J?]0;pwned??31m标题" in run_zwgk("extract", str(path), timeout=60).stdout


def test_every_command_is_in_the_readme_table():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    missing = [name for name in commands.choices if f"| `zwgk {name}" not in readme]
    assert missing == []


def test_indicators_lists_every_indicator_with_its_rule_and_file(tmp_path):
    from analysis.indicators import SPECS
    from analysis.rules import load_rules

    from .conftest import run_zwgk

    result = run_zwgk("indicators")
    assert result.returncode == 0, result.stderr
    rules = load_rules()
    for spec in SPECS:
        assert f"{spec.name}  {spec.label}  {spec.rule_text(rules[spec.name])}" in result.stdout
        assert f"文件：analysis/indicators/{spec.name}.sql" in result.stdout
    missing = run_zwgk("indicators", "--rules", str(tmp_path / "none.toml"))
    assert missing.returncode == 2 and "no such rules file" in missing.stderr
    # read by a pager that has stopped reading (a pipe whose reader is gone): no traceback
    reader, writer = os.pipe()
    os.close(reader)
    try:
        gone = subprocess.run(
            [sys.executable, "-m", "zwgk.cli", "indicators"],
            cwd=ROOT, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=60,
        )  # fmt: skip
    finally:
        os.close(writer)
    assert gone.returncode == 0 and "Traceback" not in gone.stderr, gone.stderr
