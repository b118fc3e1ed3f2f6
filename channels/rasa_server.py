"""Running Rasa 3.6 next to troly: its own Python 3.10 venv, training, serving.

Rasa 3.6 (the last open-source release) needs Python < 3.11 and cannot share troly's
environment, so it gets a venv of its own, outside the clone, built once and reused::

    python -m channels.rasa_server setup   # the venv: python3.10 -m venv + pip install rasa==3.6.21 (~2-3 min)
    python -m channels.rasa_server train   # the model, from rasa/ (its data/nlu.yml is troly's own)
    python -m channels.rasa_server run     # setup, train, then Rasa on 127.0.0.1:5005 (--enable-api)
                                           # and troly's action server on 127.0.0.1:5055

``run --actions-url URL`` starts no action server: troly's web app already serves the
router of ``channels.rasa_actions`` there (``http://127.0.0.1:8000/rasa/webhook``).

| variable               | default                            | meaning                                      |
|------------------------|------------------------------------|----------------------------------------------|
| TROLY_RASA_VENV        | ~/.cache/troly/rasa-venv           | Rasa's venv (reused when complete)           |
| TROLY_RASA_PYTHON      | python3.10 on PATH, else pyenv's   | the interpreter the venv is made with        |
| TROLY_RASA_ACTIONS_URL | http://127.0.0.1:5055/rasa/webhook | troly's action endpoint (rasa/endpoints.yml) |
| TROLY_DATA_DIR         | ./data                             | models in rasa/models, Rasa's cache in rasa/cache |

Rasa's telemetry is switched off for every command run from here.
"""
from __future__ import annotations

import argparse
import fcntl
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import ExitStack
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING

import httpx

from knowledge.errors import BadInput

if TYPE_CHECKING:
    from assistant.core import Assistant

REPO = Path(__file__).resolve().parent.parent
PROJECT = REPO / "rasa"
RASA_VERSION = "3.6.21"
MODEL_NAME = "troly"
HOST = "127.0.0.1"
RASA_PORT = 5005
ACTIONS_PORT = 5055
READY_TIMEOUT_SECONDS = 300.0


class RasaUnavailable(RuntimeError):
    """Rasa cannot be installed, trained or started here (the message says why)."""


def free_port() -> int:
    """A TCP port free on loopback now (for servers started by tests and evaluations)."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def default_venv() -> Path:
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return Path(os.environ.get("TROLY_RASA_VENV") or cache / "troly" / "rasa-venv")


def _is_python310(command: str) -> bool:
    try:
        version = subprocess.run(
            [command, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True, text=True, timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return version.returncode == 0 and version.stdout.strip() == "3.10"


def find_python() -> str | None:
    """A Python 3.10: TROLY_RASA_PYTHON, ``python3.10`` on PATH, or one installed by pyenv."""
    pyenv_root = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    candidates = [os.environ.get("TROLY_RASA_PYTHON"), shutil.which("python3.10")]
    candidates += sorted(glob.glob(str(pyenv_root / "versions" / "3.10*" / "bin" / "python3.10")), reverse=True)
    return next((c for c in candidates if c and _is_python310(c)), None)


def rasa_environment(actions_url: str | None = None) -> dict[str, str]:
    """The environment of Rasa's commands: troly's own Python settings removed, telemetry off."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2", PYTHONWARNINGS="ignore")
    env["TROLY_RASA_ACTIONS_URL"] = actions_url or env.get("TROLY_RASA_ACTIONS_URL") or f"http://{HOST}:{ACTIONS_PORT}/rasa/webhook"
    return env


class RasaInstall:
    """Rasa's venv at ``venv``; ``ensure`` builds it unless a complete one is there."""

    def __init__(self, venv: Path | None = None) -> None:
        self.venv = venv or default_venv()
        self._stamp = self.venv / f".troly-rasa-{RASA_VERSION}"

    @property
    def rasa(self) -> Path:
        return self.venv / "bin" / "rasa"

    def is_complete(self) -> bool:
        return self._stamp.exists() and self.rasa.exists()

    def ensure(self, log: IO[str] | None = None) -> "RasaInstall":
        """Build the venv when needed (under a lock, so two runs do not build it at once)."""
        self.venv.parent.mkdir(parents=True, exist_ok=True)
        with open(self.venv.parent / f".{self.venv.name}.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if not self.is_complete():
                self._build(log)
        return self

    def _build(self, log: IO[str] | None) -> None:
        python = find_python()
        if python is None:
            raise RasaUnavailable(
                "Rasa 3.6 needs Python 3.10 and none was found: install it (pyenv install 3.10, "
                "apt-get install python3.10 or python.org) or set TROLY_RASA_PYTHON to its path"
            )
        shutil.rmtree(self.venv, ignore_errors=True)
        env = rasa_environment()
        for command in (
            [python, "-m", "venv", str(self.venv)],
            [str(self.venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", f"rasa=={RASA_VERSION}"],
        ):
            _run(command, env, log, "installing Rasa")
        self._stamp.write_text(f"rasa=={RASA_VERSION} with {python}\n")


def _run(command: list[str], env: dict[str, str], log: IO[str] | None, what: str, cwd: Path | None = None) -> None:
    done = subprocess.run(command, env=env, cwd=cwd, stdout=log, stderr=subprocess.STDOUT if log else None)
    if done.returncode != 0:
        raise RasaUnavailable(f"{what} failed ({' '.join(command[:3])}… exited with {done.returncode})")


def data_dir() -> Path:
    return Path(os.environ.get("TROLY_DATA_DIR") or "data").resolve() / "rasa"


def train(install: RasaInstall, out: Path | None = None, log: IO[str] | None = None) -> Path:
    """Train the Rasa project into ``out`` (default TROLY_DATA_DIR/rasa/models); Rasa itself
    keeps the previous model when nothing changed."""
    out = out or data_dir() / "models"
    env = rasa_environment()
    env["RASA_CACHE_DIRECTORY"] = str(out.parent / "cache")
    command = [
        str(install.rasa), "train", "--config", "config.yml", "--domain", "domain.yml", "--data", "data",
        "--out", str(out), "--fixed-model-name", MODEL_NAME,
    ]
    _run(command, env, log, "training Rasa", cwd=PROJECT)
    return out / f"{MODEL_NAME}.tar.gz"


class RasaServer:
    """``rasa run --enable-api`` on loopback, for the length of a ``with`` block (ready on entry)."""

    def __init__(
        self, install: RasaInstall, model: Path, port: int = RASA_PORT, actions_url: str | None = None,
        log: IO[str] | None = None,
    ) -> None:
        self.install, self.model, self.port, self.actions_url, self.log = install, model, port, actions_url, log
        self.url = f"http://{HOST}:{port}"
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "RasaServer":
        command = [
            str(self.install.rasa), "run", "--enable-api", "--model", str(self.model),
            "--endpoints", str(PROJECT / "endpoints.yml"), "--interface", HOST, "--port", str(self.port),
        ]
        self.process = subprocess.Popen(
            command, cwd=PROJECT, env=rasa_environment(self.actions_url),
            stdout=self.log, stderr=subprocess.STDOUT if self.log else None, start_new_session=True,
        )
        try:
            self._wait_until_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        while time.monotonic() < deadline:
            assert self.process is not None
            if self.process.poll() is not None:
                raise RasaUnavailable(f"rasa run exited with {self.process.returncode} before it was ready")
            try:
                if httpx.get(f"{self.url}/status", timeout=2).json().get("model_file"):
                    return
            except (httpx.HTTPError, ValueError):
                pass
            time.sleep(1)
        raise RasaUnavailable(f"Rasa was not ready on {self.url} after {READY_TIMEOUT_SECONDS:.0f} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self.stop()


class ActionServer:
    """troly's action endpoint (``channels.rasa_actions.create_app``) served by uvicorn in a
    thread of this process, for the length of a ``with`` block."""

    def __init__(self, assistant: Assistant, port: int = ACTIONS_PORT) -> None:
        import uvicorn

        from channels.rasa_actions import create_app

        self.url = f"http://{HOST}:{port}/rasa/webhook"
        self._server = uvicorn.Server(uvicorn.Config(create_app(assistant), host=HOST, port=port, log_level="warning"))
        self._thread = threading.Thread(target=self._server.run, name="rasa-actions", daemon=True)

    def __enter__(self) -> "ActionServer":
        self._thread.start()
        while not self._server.started:
            if not self._thread.is_alive():
                raise RasaUnavailable(f"troly's action server could not start on {self.url}")
            time.sleep(0.05)
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._server.should_exit = True
        self._thread.join()


def _run_servers(args: argparse.Namespace) -> None:
    from assistant.core import Assistant

    # The assistant first: with no index yet it fails at once, with its reason.
    assistant = None if args.actions_url else Assistant()
    install = RasaInstall().ensure()
    with ExitStack() as stack:
        actions_url = args.actions_url
        if assistant is not None:
            actions_url = stack.enter_context(ActionServer(assistant, args.actions_port)).url
        rasa = stack.enter_context(RasaServer(install, train(install), args.port, actions_url))
        print(f"Rasa on {rasa.url} (for TROLY_NLU=rasa, TROLY_DIALOGUE=rasa), troly's actions at {actions_url}."
              " Ctrl-C stops.", flush=True)
        assert rasa.process is not None
        raise RasaUnavailable(f"rasa run stopped (exit status {rasa.process.wait()})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m channels.rasa_server", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("setup", help="build Rasa's venv (reused when complete)")
    commands.add_parser("train", help="train the Rasa model")
    run = commands.add_parser("run", help="setup, train, serve Rasa and troly's action server")
    run.add_argument("--port", type=int, default=RASA_PORT)
    run.add_argument("--actions-port", type=int, default=ACTIONS_PORT)
    run.add_argument("--actions-url", help="troly's action endpoint, already served (start none here)")
    args = parser.parse_args(argv)
    try:
        if args.command == "setup":
            print(RasaInstall().ensure().venv)
        elif args.command == "train":
            print(train(RasaInstall().ensure()))
        else:
            _run_servers(args)
    except BadInput as error:
        print(f"troly: {error}", file=sys.stderr)
        return 2
    except RasaUnavailable as error:
        print(f"troly: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
