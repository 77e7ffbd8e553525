"""The Dask engine: the local engine's story, resumed from its shards, despite a dead worker."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from storyline.engine import DaskEngine, partition_key, read_shard, shard_bytes
from storyline.engine.shards import count_mentions, read_analyses, read_texts
from storyline.models import Article, ArticleAnalysis, Published, Skipped, Story
from storyline.pipeline import LocalEngine, analyze
from storyline.reconcile import build_story
from storyline.reconcile import entities as reconcile_entities
from storyline.report import story_json_text
from storyline.settings import Settings
from storyline.store import Store

distributed = pytest.importorskip("distributed")

SETTINGS = Settings(progress=False)


def _same(story: Story) -> str:
    return story_json_text(dataclasses.replace(story, generated_at=""))


@pytest.fixture(scope="module")
def cluster() -> Iterator[distributed.LocalCluster]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    shutil.copytree(seeds_dir, folder, dirs_exist_ok=True)
    (folder / "copy.txt").write_bytes(next(seeds_dir.glob("*.txt")).read_bytes())
    (folder / "empty.txt").write_text("  \n", encoding="utf-8")
    (folder / "z.jsonl").write_text(
        '{"text": "The ferry resumed on 3 May 2024, the operator said."}\nnot json\n',
        encoding="utf-8",
    )
    return folder


@pytest.fixture(scope="module")
def local_story(corpus: Path, nlp: object) -> Story:
    return analyze([corpus], SETTINGS, nlp=nlp).story  # type: ignore[arg-type]


def test_engine_local_story_is_the_same_with_its_components_in_turn(
    corpus: Path, local_story: Story, nlp: object
) -> None:
    """``threads=1`` runs the trained pipeline and Storyline's components in turn."""
    serial = dataclasses.replace(SETTINGS, threads=1)
    report = analyze([corpus], serial, nlp=nlp)  # type: ignore[arg-type]
    assert _same(report.story) == _same(local_story)
    assert [s.reason[:6] for s in report.story.skipped] == ["[S016]", "[S012]", "[S013]"]


def _engine(cluster: distributed.LocalCluster, shards: Path) -> DaskEngine:
    return DaskEngine(shards, scheduler=cluster.scheduler_address, partition_size=1)


def test_engine_shard_round_trip_keeps_records_and_order() -> None:
    article = Article(
        id="a1",
        source="a.txt",
        title="T",
        text="T\nText.",
        published=Published("2024-05-03", "metadata"),
        word_count=2,
    )
    results = [Skipped("b.txt", "[S019] failed"), ArticleAnalysis(article)]
    assert list(read_shard_bytes(shard_bytes(results))) == results
    other = dataclasses.replace(article, text="T\nOther text.")
    assert partition_key([article], SETTINGS) != partition_key([other], SETTINGS)
    assert partition_key([article], SETTINGS) == partition_key([article], SETTINGS)


def test_engine_shard_columns_hold_each_part_of_an_analysis(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    article = Article(id="a1", source="a.txt", title="T", text="T\nText.", word_count=2)
    path = tmp_path / "part.parquet"
    path.write_bytes(shard_bytes([ArticleAnalysis(article), Skipped("b.txt", "[S019] failed")]))
    table = pq.read_table(path)
    assert table.column_names[:6] == ["position", "kind", "article_id", "source", "text", "article"]
    assert "claims" in table.column_names and "incidents" in table.column_names
    rows = table.to_pylist()
    assert rows[0]["text"] == "T\nText."
    assert '"text":""' in rows[0]["article"] and rows[0]["claims"] == "[]"
    assert rows[1]["kind"] == "skipped" and rows[1]["text"] is None
    light = list(read_shard(path, records=False))
    assert light == [
        ArticleAnalysis(dataclasses.replace(article, text="")),
        Skipped("b.txt", "[S019] failed"),
    ]


@pytest.mark.slow
def test_engine_story_over_shards_is_the_story_of_the_analyses(
    corpus: Path, nlp: object, tmp_path: Path
) -> None:
    from storyline.ingest import iter_inputs

    inputs = list(iter_inputs([corpus], SETTINGS))
    skipped = [i for i in inputs if isinstance(i, Skipped)]
    articles = [i for i in inputs if isinstance(i, Article)]
    results = list(LocalEngine(nlp).analyze(articles, SETTINGS))  # type: ignore[arg-type]
    analyses = [r for r in results if isinstance(r, ArticleAnalysis)]
    engine = DaskEngine(tmp_path)
    for number, part in enumerate((results[1::2], results[::2])):  # out of source order
        path = tmp_path / f"part-{number}.parquet"
        path.write_bytes(shard_bytes(part))
        engine.shards.append(path)
    read = list(read_analyses(engine.shards))
    assert [a.article.source for a in read] == sorted(a.article.source for a in analyses)
    assert {a.article.text for a in read} == {""}
    assert read_texts(engine.shards) == {a.article.id: a.article.text for a in analyses}
    assert {a.mentions for a in read} == {()}
    counted = count_mentions(engine.shards)
    assert counted == reconcile_entities.count_mentions(analyses)
    assert counted.forms and max(c for f in counted.forms.values() for c in f.values()) > 1
    expected = build_story(analyses, skipped)
    assert _same(engine.story(skipped, SETTINGS)) == _same(expected)


def read_shard_bytes(data: bytes) -> list[object]:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "part.parquet"
        path.write_bytes(data)
        return list(read_shard(path))


@pytest.mark.slow
def test_engine_dask_story_is_the_local_story(
    cluster: distributed.LocalCluster, corpus: Path, local_story: Story, tmp_path: Path
) -> None:
    report = analyze([corpus], SETTINGS, engine=_engine(cluster, tmp_path / "shards"))
    assert _same(report.story) == _same(local_story)
    assert [s.reason[:6] for s in report.story.skipped] == ["[S016]", "[S012]", "[S013]"]
    assert report.analysed == len(local_story.articles)


@pytest.mark.slow
def test_engine_dask_store_matches_and_resumes_from_shards(
    cluster: distributed.LocalCluster, corpus: Path, local_story: Story, tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    analyze([corpus], SETTINGS, engine=_engine(cluster, shards))
    written = sorted(shards.glob("part-*.parquet"))
    assert len(written) == len(local_story.articles)
    written[0].unlink()  # as if the run had stopped before this shard
    client = distributed.Client(cluster)
    try:
        with distributed.get_task_stream(client) as stream:
            report = analyze(
                [corpus], SETTINGS, db=tmp_path / "s.db", engine=_engine(cluster, shards)
            )
        tasks = {t["key"] for t in stream.data if str(t["key"]).startswith("storyline-")}
    finally:
        client.close()
    assert len(tasks) == 1
    assert _same(report.story) == _same(local_story)
    with Store.open(tmp_path / "s.db", create=False) as store:
        assert _same(store.load_story()) == _same(local_story)


#: Runs ``analyze --engine dask`` in a fresh process against a running scheduler,
#: then prints which heavy modules that process imported.
CLIENT_IMPORTS = """
import sys
from storyline.cli import main
code = main(["analyze", sys.argv[1], "--out", sys.argv[2], "--engine", "dask",
             "--scheduler", sys.argv[3], "--no-progress"])
print(code, *sorted(m for m in ("spacy", "thinc", "torch") if m in sys.modules))
"""


@pytest.mark.slow
def test_engine_dask_command_process_does_not_import_spacy(
    cluster: distributed.LocalCluster, seeds_dir: Path, tmp_path: Path
) -> None:
    import subprocess
    import sys

    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    args = [str(seeds_dir), str(tmp_path / "out"), cluster.scheduler_address]
    done = subprocess.run(
        [sys.executable, "-c", CLIENT_IMPORTS, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert done.stdout.split() == ["0"], done.stderr[-2000:]
    assert (tmp_path / "out" / "story.json").is_file()


def _story_despite_a_killed_worker(address: str, corpus: Path, shards: Path) -> Story:
    """The story of ``corpus`` on the cluster at ``address``, whose first busy worker is killed."""
    client = distributed.Client(address)
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 120
        while not killed and time.monotonic() < deadline:
            busy = [w for w, keys in client.processing().items() if keys]
            if busy:
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(pids[busy[0]])
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    try:
        engine = DaskEngine(shards, scheduler=address, partition_size=1)
        report = analyze([corpus], SETTINGS, engine=engine)
    finally:
        killer.join()
        client.close()
    assert killed, "no worker was busy to be killed"
    return report.story


@pytest.mark.slow
def test_engine_dead_worker_still_gives_the_whole_story(
    cluster: distributed.LocalCluster, corpus: Path, local_story: Story, tmp_path: Path
) -> None:
    story = _story_despite_a_killed_worker(cluster.scheduler_address, corpus, tmp_path / "s")
    assert _same(story) == _same(local_story)


@pytest.fixture
def own_cluster(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[distributed.Client]:
    """The local cluster the command starts itself (workers forked from a fork server).

    The fork server lives as long as this process and passes the environment
    it started with to every worker it forks: it must not start with the
    setting a spawning nanny of an earlier cluster left in this process's
    environment (see the test of the workers' settings below).
    """
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    with DaskEngine(tmp_path / "own", workers=2)._client() as client:
        yield client


@pytest.mark.slow
def test_engine_own_local_cluster_forks_its_workers_and_gives_the_local_story(
    own_cluster: distributed.Client, corpus: Path, local_story: Story, tmp_path: Path
) -> None:
    import multiprocessing

    parents = set(own_cluster.run(os.getppid).values())
    if "forkserver" in multiprocessing.get_all_start_methods():
        assert os.getpid() not in parents  # the fork server's children, not this process's
        assert len(parents) == 1
    address = own_cluster.scheduler.address
    story = _story_despite_a_killed_worker(address, corpus, tmp_path / "s")
    assert _same(story) == _same(local_story)


@pytest.mark.slow
# the module's cluster holds port 8787: Distributed probes for another and leaves a socket
@pytest.mark.filterwarnings("ignore:Port 8787 is already in use")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_engine_local_cluster_workers_run_without_profiler_or_trimming(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dask

    # a nanny started earlier in this process left Dask's setting in its environment
    # (the fork server, if this test starts it, must not pass it on)
    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    engine = DaskEngine(tmp_path / "shards", workers=1)
    with engine._client() as client:
        found = client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
        env = client.run(
            lambda: [os.environ.get(n) for n in ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS")]
        )
    assert list(found.values()) == [False]
    assert list(env.values()) == [[None, "1"]]  # no allocator trimming; one-thread numerics
    assert dask.config.get("distributed.worker.profile.enabled") is True  # this process's own


@pytest.mark.slow
def test_engine_ctrl_c_stops_the_command_and_its_workers_quietly(
    seeds_dir: Path, tmp_path: Path
) -> None:
    """Ctrl-C reaches the whole process group: the command exits 130, no worker's traceback."""
    import subprocess
    import sys

    texts = [p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))]
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as handle:
        for number in range(48):  # six partitions: the run is still going at the first shard
            text = f"{texts[number % len(texts)]}\n\nUpdate {number}."
            handle.write(json.dumps({"id": f"a{number}", "text": text}) + "\n")
    src = str(Path(__file__).resolve().parent.parent / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([src, os.environ.get("PYTHONPATH", "")])}
    out = tmp_path / "out"
    command = [sys.executable, "-m", "storyline", "analyze", str(corpus), "--out", str(out)]
    command += ["--engine", "dask", "--workers", "2", "--no-progress"]
    with subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        # a group of its own, with the interrupt's default handler, as a terminal's job
        preexec_fn=lambda: (signal.signal(signal.SIGINT, signal.SIG_DFL), os.setpgrp()),
    ) as process:
        deadline = time.monotonic() + 240
        while not list((out / "shards").glob("*.parquet")) and time.monotonic() < deadline:
            assert process.poll() is None, "the run ended before its first shard"
            time.sleep(0.1)
        os.killpg(process.pid, signal.SIGINT)
        stderr = process.communicate(timeout=120)[1].decode()
    assert process.returncode == 130, stderr[-2000:]
    assert "interrupted; the finished partitions stay in" in stderr
    assert "Traceback" not in stderr, stderr[-2000:]
    assert not (out / "story.json").exists()  # stopped, not finished
    assert list((out / "shards").glob("*.parquet"))  # what was done is kept for a rerun
