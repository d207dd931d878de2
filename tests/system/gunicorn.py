"""The application served by gunicorn in production mode, for the system tests."""
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def served(database_url, workers, timeout=60, ready_path="/healthz"):
    """Start gunicorn on ``database_url`` with ``workers``; yield (port, process) once
    ``ready_path`` answers 200; stop it afterwards (its output is printed then, for a
    failing test's report)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "APP_ENV": "production", "SECRET_KEY": secrets.token_hex(32),
           "RATELIMIT_STORAGE_URI": "memory://", "PYTHONUNBUFFERED": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--timeout", str(timeout),
         "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=2) as answer:
                    if answer.status == 200:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start: {server.stdout.read()}")
            time.sleep(0.2)
        yield port, server
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        print(server.stdout.read()[-20000:])
