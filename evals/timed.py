"""A troly command in its own process under /usr/bin/time: its last JSON line, wall time and peak memory."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Mapping

REPO = Path(__file__).resolve().parents[1]


def timed_troly(*args: str, env: Mapping[str, str]) -> dict:
    """Run ``troly ARGS`` (which prints JSON last) in the environment ``env`` (PYTHONPATH included);
    ``{"report", "wall_seconds", "peak_rss_mb"}``."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", sys.executable, "-m", "channels.cli", *args],
        capture_output=True, text=True, cwd=REPO, env=dict(env), check=True,
    )
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", done.stderr)
    parts = [float(p) for p in wall.group(1).split(":")] if wall else []
    return {
        "report": json.loads(done.stdout.strip().splitlines()[-1]),
        "wall_seconds": round(sum(v * 60 ** i for i, v in enumerate(reversed(parts))), 1),
        "peak_rss_mb": round(int(rss.group(1)) / 1024) if rss else None,
    }
