"""A Spark standalone cluster on this machine, started from the pyspark distribution, and ``spark-submit``.

``StandaloneCluster`` starts a master (``spark-class org.apache.spark.deploy.master.Master``) and workers
(``spark-class org.apache.spark.deploy.worker.Worker spark://HOST:PORT``) as separate processes, waits until
every worker has registered with the master, and stops them all (with the executors and Python workers
they started) when it ends. ``submit`` runs the package's ``spark`` command through ``spark-submit``
against such a master, as docs/scale.md describes for any cluster. It is what the cluster test and
``bench/throughput.py`` use; on a real cluster the master and workers are the cluster's own.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

from newsevents.errors import ScaleError

HOST = "127.0.0.1"


def spark_home() -> Path:
    """The Spark distribution inside the installed pyspark package (its ``bin/spark-class``, jars...)."""
    try:
        import pyspark
    except ImportError as exc:
        raise ScaleError("pyspark is not installed: pip install 'pyspark>=4,<5'") from exc
    return Path(pyspark.__file__).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def spark_env(python: str | None = None, driver_python: str | None = None) -> dict[str, str]:
    """The environment for Spark's processes: its home, this host, the Python its executors run (default:
    ``PYSPARK_PYTHON``, else this interpreter) and the one the driver runs (likewise)."""
    env = dict(os.environ)
    env.update(SPARK_HOME=str(spark_home()), SPARK_LOCAL_IP=HOST, SPARK_LOCAL_HOSTNAME="localhost")
    env["PYSPARK_PYTHON"] = python or env.get("PYSPARK_PYTHON") or sys.executable
    env["PYSPARK_DRIVER_PYTHON"] = driver_python or env.get("PYSPARK_DRIVER_PYTHON") or sys.executable
    return env


@dataclass
class StandaloneCluster:
    """A master and ``workers`` workers of ``cores`` cores and ``memory`` each, logging under ``folder``."""

    workers: int = 2
    cores: int = 1
    memory: str = "2g"
    folder: Path | None = None
    timeout_s: float = 60.0
    master_url: str = ""
    ui_url: str = ""
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list, repr=False)
    logs: list[IO[bytes]] = field(default_factory=list, repr=False)

    def __enter__(self) -> StandaloneCluster:
        if self.folder is None:
            self.folder = Path(tempfile.mkdtemp(prefix="newsevents-spark-cluster-"))
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        port, ui = free_port(), free_port()
        self.master_url, self.ui_url = f"spark://{HOST}:{port}", f"http://{HOST}:{ui}"
        self._spawn("master", ["org.apache.spark.deploy.master.Master", "--host", HOST, "--port", str(port),
                               "--webui-port", str(ui)])
        for i in range(self.workers):
            work = self.folder / f"worker-{i}"
            work.mkdir(parents=True, exist_ok=True)
            self._spawn(f"worker-{i}", ["org.apache.spark.deploy.worker.Worker", "--host", HOST,
                                        "--webui-port", str(free_port()), "--cores", str(self.cores),
                                        "--memory", self.memory, "--work-dir", str(work), self.master_url])
        self._wait_for_workers()

    def _spawn(self, name: str, args: Sequence[str]) -> None:
        assert self.folder is not None
        log = (self.folder / f"{name}.log").open("wb")
        self.logs.append(log)
        command = [str(spark_home() / "bin" / "spark-class"), *args]
        # A session of its own: stopping the process group stops the executors it starts as well.
        self.processes.append(subprocess.Popen(command, env=spark_env(), stdout=log, stderr=subprocess.STDOUT,
                                               stdin=subprocess.DEVNULL, start_new_session=True))

    def alive_workers(self) -> int:
        try:
            with urllib.request.urlopen(f"{self.ui_url}/json/", timeout=2) as answer:
                state = json.loads(answer.read())
        except (OSError, ValueError):
            return 0
        return int(state.get("aliveworkers", 0))

    def _wait_for_workers(self) -> None:
        deadline = time.monotonic() + self.timeout_s
        while time.monotonic() < deadline:
            if any(p.poll() is not None for p in self.processes):
                raise ScaleError(f"a Spark process ended while starting: see {self.folder}")
            if self.alive_workers() >= self.workers:
                return
            time.sleep(0.5)
        raise ScaleError(f"the Spark workers did not register in {self.timeout_s:.0f} s: see {self.folder}")

    def stop(self) -> None:
        """Stop the workers (and their executors), then the master; kill what does not stop in 10 s."""
        for process in reversed(self.processes):
            _signal_group(process, signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()
            _signal_group(process, signal.SIGKILL)  # anything the process left behind in its group
        deadline = time.monotonic() + 10
        while any(group_alive(p.pid) for p in self.processes) and time.monotonic() < deadline:
            time.sleep(0.1)  # killed executors and Python workers take a moment to go
        self.processes.clear()
        for log in self.logs:
            log.close()
        self.logs.clear()


def group_alive(pgid: int) -> bool:
    """Whether any process of the group is left (a zombie not yet reaped counts)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, sig)


def submit(
    master: str,
    arguments: Sequence[str],
    *,
    conf: dict[str, str] | None = None,
    archives: str | None = None,
    python: str | None = None,
    driver_python: str | None = None,
    timeout_s: float | None = None,
) -> subprocess.CompletedProcess[str]:
    """``spark-submit --master MASTER [--archives ...] newsevents/scale/__main__.py ARGUMENTS`` (the
    ``spark`` command as the driver, in client mode). ``python`` is the executors' interpreter (default: this
    one), e.g. ``./environment/bin/python`` inside a packed environment shipped with ``archives``
    (``newsevents-env.tar.gz#environment``); ``driver_python`` the driver's (default: this one)."""
    from newsevents.scale import __main__ as driver

    command = [str(spark_home() / "bin" / "spark-submit"), "--master", master, "--deploy-mode", "client"]
    if archives:
        command += ["--archives", archives]
    for key, value in (conf or {}).items():
        command += ["--conf", f"{key}={value}"]
    command += [driver.__file__, *arguments]
    env = spark_env(python, driver_python)
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s, check=False,
                          start_new_session=True)
