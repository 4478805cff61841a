"""The check on a Dask cluster: the same reports as a local check, a lost worker, an unreachable scheduler."""

from __future__ import annotations

import shutil
import socket
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checker
from checker.cli import app
from checker.report import summarise, to_json, to_markdown, write_reports

distributed = pytest.importorskip("distributed")

from checker import distributed as on_cluster  # noqa: E402
from checker.distributed import ClusterError  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()

# Reports of one (invented) flood from several desks: shared sentences, a count that differs,
# a date that differs, and two files named alike in different folders.
STORIES = {
    "north/flood.txt": """date: 2023-10-02

Floodwater reached the centre of Velmora on Sunday after the river Ash burst its banks.
The regional council said 1,800 homes were evacuated overnight.
Rescue teams pulled 42 people from flooded cars on the ring road, the fire service said.
The river peaked at 6.2 metres on Sunday evening, the highest level since 1998.
""",
    "south/flood.txt": """date: 2023-10-02

The river Ash burst its banks on Sunday and floodwater reached the centre of Velmora.
The regional council said 2,600 homes were evacuated overnight.
Rescue teams pulled 42 people from flooded cars on the ring road, the fire service said.
Schools across the district will stay closed until Wednesday.
""",
    "flood-2.txt": """date: 2023-10-03

Schools across the district will stay closed until Friday, the education office said.
The river peaked at 6.2 metres on Sunday evening, the highest level since 1998.
Farmers said the harvest of late potatoes was lost on the flooded plain.
""",
    "desk/weather.md": """# Rain eases over Velmora

Forecasters expect the rain to ease on Tuesday after three days of storms.
The regional council said 1,800 homes were evacuated overnight.
Insurers have not yet estimated the cost of the damage.
""",
}


def write_stories(folder: Path) -> list[Path]:
    for name, text in STORIES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    shutil.copytree(ROOT / "seeds", folder / "seeds")
    return [folder]


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, silence_logs=50, **on_cluster.local_cluster_options()) as local, distributed.Client(local) as client:
        yield local, client


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[Path], checker.Report]:
    paths = write_stories(tmp_path_factory.mktemp("stories"))
    return paths, checker.check(paths, jobs=1)


def test_reports_equal_a_local_check(cluster, inputs) -> None:
    local, _ = cluster
    paths, expected = inputs
    report = on_cluster.check(paths, scheduler=local.scheduler_address)
    assert to_json(report) == to_json(expected)
    assert to_markdown(report) == to_markdown(expected)
    # The inputs exercise what must come out alike: ids made unique across partitions, pairs of both kinds.
    ids = {a.id for a in report.articles}
    assert {"flood", "flood-2", "flood-3"} <= ids
    assert {p.relation for p in report.pairs} >= {"agrees", "conflicts"}


def test_a_held_report_comes_over_in_pieces_and_writes_the_same_files(
    cluster, inputs, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    local, _ = cluster
    paths, expected = inputs
    monkeypatch.setattr(on_cluster, "PIECE_CHARS", 1000)
    with on_cluster.held_report(paths, scheduler=local.scheduler_address) as held:
        assert held.summary == summarise(expected)
        written = held.write(out=tmp_path / "dask")
    write_reports(expected, out=tmp_path / "local")
    assert [path.name for path in written] == ["report.json", "report.md"]
    for path in written:
        text = path.read_text(encoding="utf-8")
        assert len(text) > 3 * 1000, "the report came in several pieces"
        assert path.read_bytes() == (tmp_path / "local" / path.name).read_bytes()


class KillOnce(distributed.WorkerPlugin):
    """Ends its worker's process the first time, across all workers, a task of the named kind starts."""

    name = "checker-kill-once"

    def __init__(self, task: str, mark: str) -> None:
        self.task = task
        self.mark = mark

    def transition(self, key, start, finish, **kwargs) -> None:
        import os

        from distributed.utils import key_split

        if finish == "executing" and key_split(key) == self.task:
            try:
                os.close(os.open(self.mark, os.O_CREAT | os.O_EXCL))
            except FileExistsError:
                return
            os._exit(1)


@pytest.mark.parametrize("task", ["checker-compare", "checker-search-share", "checker-classification-share"])
def test_a_worker_killed_mid_run_changes_nothing(cluster, inputs, tmp_path: Path, task: str) -> None:
    """The comparing task, a block of the search or a share of the classification loses its worker; Dask runs it again elsewhere."""
    local, client = cluster
    paths, expected = inputs
    mark = tmp_path / "killed"
    client.register_plugin(KillOnce(task, str(mark)))
    try:
        report = on_cluster.check(paths, scheduler=local.scheduler_address)
    finally:
        client.unregister_worker_plugin(KillOnce.name)
    assert mark.exists(), "a worker was killed"
    assert to_json(report) == to_json(expected)
    # The next test starts with two live workers, not one the scheduler has yet to find dead.
    client.restart(wait_for_workers=True)


def test_the_worker_holding_the_report_killed_while_it_is_written(cluster, inputs, tmp_path: Path) -> None:
    """The report is lost with its worker before its text is rendered: Dask makes it again, and the files are whole."""
    local, client = cluster
    paths, expected = inputs
    mark = tmp_path / "killed"
    client.register_plugin(KillOnce("checker-render", str(mark)))
    try:
        with on_cluster.held_report(paths, scheduler=local.scheduler_address) as held:
            written = held.write(out=tmp_path / "out")
    finally:
        client.unregister_worker_plugin(KillOnce.name)
    assert mark.exists(), "a worker was killed"
    assert [path.read_text(encoding="utf-8") for path in written] == [to_json(expected), to_markdown(expected)]
    client.restart(wait_for_workers=True)


def unused_address() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"tcp://127.0.0.1:{port}"


def test_an_unreachable_scheduler_is_one_line_and_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(on_cluster, "CONNECT_TIMEOUT", 2)
    address = unused_address()
    paths = write_stories(tmp_path)
    began = time.monotonic()
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at " + address):
        on_cluster.check(paths, scheduler=address)
    assert time.monotonic() - began < 2 + 10
    result = runner.invoke(app, ["check", str(tmp_path), "--engine", "dask", "--scheduler", address, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach the Dask scheduler at {address}")


def test_a_tls_scheduler_with_dasks_tls_settings(inputs, tmp_path: Path) -> None:
    """A tls:// cluster with certificates from Dask's configuration gives the same report; without them, one line."""
    import dask
    from distributed.security import Security

    paths, expected = inputs
    security = Security.temporary()
    settings = {}
    for field, key in (("tls_ca_file", "ca-file"), ("tls_client_cert", "client.cert"), ("tls_client_key", "client.key")):
        path = tmp_path / field
        path.write_text(getattr(security, field), encoding="utf-8")
        settings[f"distributed.comm.tls.{key}"] = str(path)
    with distributed.LocalCluster(
        n_workers=1, silence_logs=50, security=security, protocol="tls://", **on_cluster.local_cluster_options()
    ) as local:
        assert local.scheduler_address.startswith("tls://")
        with dask.config.set({**settings, "distributed.comm.require-encryption": True}):
            report = on_cluster.check(paths, scheduler=local.scheduler_address)
        assert to_json(report) == to_json(expected)
        result = runner.invoke(app, ["check", *map(str, paths), "--engine", "dask", "--scheduler", local.scheduler_address, "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach the Dask scheduler at {local.scheduler_address}")


def test_the_scheduler_comes_from_the_environment(cluster, inputs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    local, _ = cluster
    paths, _ = inputs
    monkeypatch.setenv("DASK_SCHEDULER_ADDRESS", local.scheduler_address)
    result = runner.invoke(app, ["check", *map(str, paths), "--engine", "dask", "--out", str(tmp_path / "dask")])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["check", *map(str, paths), "--jobs", "1", "--out", str(tmp_path / "local")])
    assert result.exit_code == 0, result.output
    for name in ("report.json", "report.md"):
        assert (tmp_path / "dask" / name).read_bytes() == (tmp_path / "local" / name).read_bytes()


def test_a_report_to_standard_output_comes_whole(cluster, inputs, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    local, _ = cluster
    paths, expected = inputs
    monkeypatch.setattr(on_cluster, "PIECE_CHARS", 1000)
    markdown = tmp_path / "report.md"
    result = runner.invoke(
        app, ["check", *map(str, paths), "--engine", "dask", "--scheduler", local.scheduler_address, "--json", "-", "--markdown", str(markdown)]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == to_json(expected)
    assert markdown.read_text(encoding="utf-8") == to_markdown(expected)
    assert not (tmp_path / "report.json").exists()


def test_without_dask_the_engine_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    paths = write_stories(tmp_path)
    result = runner.invoke(app, ["check", *map(str, paths), "--engine", "dask", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.strip() == "error: --engine dask needs Dask's distributed scheduler: pip install 'checker[dask]'"


def test_scheduler_without_the_dask_engine_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"])
    assert result.exit_code == 2
    assert "--scheduler needs --engine dask" in result.output


def test_the_dask_engine_refuses_a_corpus(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(tmp_path), "--engine", "dask", "--corpus", str(tmp_path / "c.sqlite")])
    assert result.exit_code == 2
    assert "--engine dask checks files only" in result.output
