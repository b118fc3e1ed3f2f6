"""Vectors on a real Chroma server (``chroma run`` on loopback) behind TROLY_CHROMA_URL, against the embedded default."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import chromadb
import pytest

from knowledge.base import KnowledgeBase
from knowledge.errors import BadInput
from knowledge.index.embedders import HashEmbedder
from knowledge.index.generations import IndexDirectory
from knowledge.index.vector import DIRECTORY, collection_name
from knowledge.ingest import Ingestor
from knowledge.settings import Settings
from channels.rasa_server import free_port
from tests.chroma_server import running_chroma

REPO = Path(__file__).resolve().parents[3]
QUERIES = (
    "Luật Vườn hoa công cộng quy định về phạm vi điều chỉnh",
    "nuôi chim bồ câu đưa thư cần giấy phép gì",
    "vuon thu nuoi dong vat hoang da",
)


def _settings(fixtures_dir: Path, data: Path, chroma_url: str | None) -> Settings:
    return Settings(knowledge_dir=fixtures_dir, data_dir=data, embedder="hash", chroma_url=chroma_url, today=lambda: date(2031, 1, 1))


def _ingest(settings: Settings, *paths: Path, replace: bool = False) -> Path:
    """Ingest ``paths`` (the whole fixture corpus when none); the generation it published."""
    roots = list(paths) or [settings.knowledge_dir / "legal", settings.knowledge_dir / "procedures"]
    report = Ingestor(settings).ingest(roots, replace=replace)
    assert report.errors == [] and report.changed
    return IndexDirectory(settings.data_dir / "index").current()


def _evidence(kb: KnowledgeBase) -> list[list[tuple[str, float]]]:
    return [[(e.passage.passage_id, round(e.score, 5)) for e in kb.search(query, 5)] for query in QUERIES]


def _server(chroma_url: str):
    port = int(chroma_url.rsplit(":", 1)[1])
    return chromadb.HttpClient("127.0.0.1", port, settings=chromadb.Settings(anonymized_telemetry=False))


def _server_collections(chroma_url: str) -> set[str]:
    return {c.name for c in _server(chroma_url).list_collections()}


def test_a_chroma_server_gives_the_same_evidence_as_the_embedded_database(fixtures_dir, tmp_path, chroma_url):
    embedded = _settings(fixtures_dir, tmp_path / "embedded", None)
    served = _settings(fixtures_dir, tmp_path / "served", chroma_url)
    _ingest(embedded)
    generation = _ingest(served)
    local, remote = KnowledgeBase.open(embedded), KnowledgeBase.open(served)

    assert _evidence(remote) == _evidence(local)
    assert all(_evidence(remote))
    vector = HashEmbedder().embed_query("giấy phép nuôi chim bồ câu")
    nearest = [index.retriever.vectors.search(vector, 8) for index in (remote, local)]
    assert [row for row, _ in nearest[0]] == [row for row, _ in nearest[1]]
    assert dict(nearest[0]) == pytest.approx(dict(nearest[1]))
    assert remote.retriever.vectors.count() == len(remote.retriever.passages) > 10
    assert not (generation / DIRECTORY).exists()  # the vectors are on the server, not in the generation
    collection = _server(chroma_url).get_collection(collection_name(generation, chroma_url))
    assert collection.configuration_json["embedding_function"] is None  # never Chroma's default embedder


def test_each_ingest_writes_a_new_collection_and_a_pruned_generation_takes_its_collection_along(
    fixtures_dir, tmp_path, chroma_url
):
    settings = _settings(fixtures_dir, tmp_path / "data", chroma_url)
    first = _ingest(settings, fixtures_dir / "legal", replace=True)
    reader = KnowledgeBase.open(settings)
    before = _evidence(reader)
    second = _ingest(settings, fixtures_dir / "procedures", replace=True)

    names = {g: collection_name(g, chroma_url) for g in (first, second)}
    assert names[first] != names[second] and set(names.values()) <= _server_collections(chroma_url)
    assert not reader.is_current() and _evidence(reader) == before  # the previous generation is still readable
    assert [e.passage.doc_id for e in KnowledgeBase.open(settings).search(QUERIES[1], 1)] == ["9.900001"]

    third = _ingest(settings, fixtures_dir / "legal", replace=True)
    on_server = _server_collections(chroma_url)
    assert not first.exists() and names[first] not in on_server
    assert second.exists() and {names[second], collection_name(third, chroma_url)} <= on_server


def test_two_workers_read_the_same_vectors_from_the_server(fixtures_dir, tmp_path, chroma_url):
    settings = _settings(fixtures_dir, tmp_path / "data", chroma_url)
    _ingest(settings)
    worker = (
        "import json, sys\n"
        "from knowledge.base import KnowledgeBase\n"
        "kb = KnowledgeBase.open()\n"
        "print(json.dumps([kb.retriever.vectors.count()]"
        " + [[[e.passage.passage_id, round(e.score, 5)] for e in kb.search(q, 5)] for q in sys.argv[1:]]))\n"
    )
    env = os.environ | {
        "TROLY_DATA_DIR": str(settings.data_dir), "TROLY_EMBEDDER": "hash", "TROLY_CHROMA_URL": chroma_url,
        "TROLY_KNOWLEDGE": str(fixtures_dir), "PYTHONPATH": str(REPO),
    }
    other = subprocess.run(
        [sys.executable, "-c", worker, *QUERIES], env=env, cwd=REPO, capture_output=True, text=True, timeout=120, check=False
    )
    assert other.returncode == 0, other.stderr
    count, *evidence = json.loads(other.stdout)

    kb = KnowledgeBase.open(settings)
    assert count == kb.retriever.vectors.count() > 10
    assert [[tuple(row) for row in rows] for rows in evidence] == _evidence(kb)


def test_an_unreachable_server_is_bad_input_naming_it_and_the_current_index_stays(fixtures_dir, tmp_path, chroma_url):
    settings = _settings(fixtures_dir, tmp_path / "data", chroma_url)
    current = _ingest(settings)
    nobody = f"http://127.0.0.1:{free_port()}"
    down = _settings(fixtures_dir, settings.data_dir, nobody)

    with pytest.raises(BadInput, match=f"không kết nối được máy chủ Chroma tại {nobody}.*cannot reach"):
        _ingest(down)
    assert IndexDirectory(settings.data_dir / "index").current() == current
    with pytest.raises(BadInput, match=f"cannot reach the Chroma server at {nobody}"):
        KnowledgeBase.open(down)
    assert _evidence(KnowledgeBase.open(settings))


def test_a_server_that_stops_while_a_worker_reads_is_bad_input(fixtures_dir, tmp_path):
    with running_chroma(tmp_path / "db") as url:
        settings = _settings(fixtures_dir, tmp_path / "data", url)
        _ingest(settings, fixtures_dir / "procedures")
        kb = KnowledgeBase.open(settings)
        assert kb.search(QUERIES[1], 1)
    with pytest.raises(BadInput, match=f"cannot reach the Chroma server at {url}"):
        kb.search(QUERIES[1], 1)


def test_an_index_built_with_embedded_vectors_asks_for_a_rebuild_under_a_server_url(fixtures_dir, tmp_path):
    settings = _settings(fixtures_dir, tmp_path / "data", None)
    _ingest(settings, fixtures_dir / "procedures")
    with pytest.raises(BadInput, match="TROLY_CHROMA_URL.*troly ingest"):
        KnowledgeBase.open(_settings(fixtures_dir, settings.data_dir, "http://127.0.0.1:8000"))


def test_a_broad_filter_whose_rows_are_not_the_nearest_widens_the_plain_query_before_filtering(tmp_path, monkeypatch):
    """Twenty procedures nearest the query, twenty laws farther: the laws asked for come from a wider unfiltered
    query (Chroma's filtered query is ten times slower on the whole knowledge base), the same as the filtered one."""
    import numpy as np

    from knowledge.index.base import SearchFilters
    from knowledge.index.vector import VectorIndex

    rng = np.random.default_rng(7)
    query = np.zeros(16, dtype=np.float32)
    query[0] = 1.0
    near = query + 0.1 * rng.standard_normal((20, 16)).astype(np.float32)
    far = 0.5 * query + rng.standard_normal((20, 16)).astype(np.float32)
    rows = np.vstack([near, far])
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    (tmp_path / "gen").mkdir()
    index = VectorIndex(tmp_path / "gen", create=True)
    kinds = ["procedure"] * 20 + ["law"] * 20
    index.add(list(range(40)), rows, [{"kind": kind, "access": "public", "status": "in_force", "doc_id": "x"} for kind in kinds])
    laws = SearchFilters(kinds=("law",))
    mask = np.array([kind == "law" for kind in kinds])
    filtered = dict(index.search(query, 3, {"kind": {"$in": ["law"]}}))
    asked = []
    plain_search = VectorIndex.search
    monkeypatch.setattr(VectorIndex, "search", lambda self, v, k, where=None: asked.append((k, where)) or plain_search(self, v, k, where))
    found = index.neighbours(query, mask, laws, 3)
    assert asked == [(12, None), (96, None)]  # 2k/share first: only procedures; then WIDER times that, no filtered query
    assert found.keys() == filtered.keys() and all(abs(found[row] - filtered[row]) < 1e-5 for row in found)
