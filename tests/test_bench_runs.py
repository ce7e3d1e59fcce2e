"""The query benchmark runs to its end on the database the suite is on: a bench that only breaks when
someone finally runs it at full size is found here, at a size that takes seconds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import postgres_url

ROOT = Path(__file__).resolve().parents[1]


def test_query_bench_prints_its_answers_at_a_small_size(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    args = [sys.executable, str(ROOT / "bench" / "query.py"), "--notices", "300", "--runs", "3"]
    pg = postgres_url()
    if pg is None:
        args += ["--db", str(tmp_path / "bench.sqlite3")]
    else:
        env["DATABASE_URL"] = pg
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "what roads are closed" in done.stdout
    assert "p99/target" in done.stdout
