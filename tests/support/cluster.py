"""A real Redis and real `zwgk worker` processes on 127.0.0.1, for the distributed crawl's tests
and bench/scale.py."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def redis_binary() -> str | None:
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


class RedisServer:
    """redis-server on a free port of 127.0.0.1, its data (an append-only file, fsync'd on every
    write, as the README asks of a broker) in `folder`."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> RedisServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        binary = redis_binary()
        assert binary, "redis-server is not installed (make test installs it)"
        self.process = subprocess.Popen(
            [
                binary,
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "yes", "--appendfsync", "always"),
                *("--dir", str(self.folder), "--daemonize", "no", "--protected-mode", "no"),
            ],
            stdout=open(self.folder / "redis.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    if s.recv(64).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(30)
        self.process = None


class Worker:
    """`zwgk worker` in a process group of its own (so a test can kill it and its crawls)."""

    def __init__(
        self,
        broker: str,
        shared: Path,
        log: Path,
        *,
        concurrency: int = 1,
        visibility_timeout: int = 8,
    ):
        self.log = log
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "zwgk.cli",
                "worker",
                *("--broker", broker, "--shared", str(shared)),
                *("--concurrency", str(concurrency)),
                *("--visibility-timeout", str(visibility_timeout)),
            ],
            cwd=ROOT,
            stdout=open(log, "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    def kill(self) -> None:
        """SIGKILL, as a machine that dies: no warm shutdown, no message given back."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
            self.process.wait(30)

    def stop(self) -> None:
        if self.process.poll() is None:
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(30)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")
