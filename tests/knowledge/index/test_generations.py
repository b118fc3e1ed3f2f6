import os
import subprocess
import sys

import pytest

from knowledge.errors import BadInput
from knowledge.index.generations import IndexDirectory


def test_publish_swaps_atomically_and_keeps_only_current_and_previous(tmp_path):
    directory = IndexDirectory(tmp_path / "index")
    assert directory.current() is None
    generations = []
    for _ in range(3):
        generation = directory.new_generation()
        (generation / "marker").write_text(generation.name)
        directory.publish(generation)
        generations.append(generation)
        assert directory.current() == generation
    assert not generations[0].exists() and generations[1].exists()


def test_an_abandoned_generation_never_becomes_current_and_is_pruned(tmp_path):
    directory = IndexDirectory(tmp_path / "index")
    good = directory.new_generation()
    directory.publish(good)
    abandoned = directory.new_generation()  # a crash before publish
    assert directory.current() == good
    fresh = directory.new_generation()
    directory.publish(fresh)
    assert not abandoned.exists() and good.exists() and directory.current() == fresh


def test_a_second_ingest_cannot_take_the_lock(tmp_path):
    directory = IndexDirectory(tmp_path / "index")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; "
         "from knowledge.index.generations import IndexDirectory as D\n"
         f"with D(Path({str(tmp_path / 'index')!r})).lock():\n print('locked', flush=True); time.sleep(30)"],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(BadInput, match="another ingest"):
            with directory.lock():
                pass
    finally:
        holder.kill()
        holder.wait()
    with directory.lock():
        pass


def test_a_generation_whose_outside_part_cannot_be_removed_is_kept_for_the_next_prune(tmp_path):
    server_down = [True]
    dropped = []

    def drop(generation):
        if server_down[0]:
            raise BadInput("không kết nối được máy chủ Chroma (cannot reach the Chroma server)")
        dropped.append(generation)

    directory = IndexDirectory(tmp_path / "index", on_prune=drop)
    old, previous, current = (directory.new_generation() for _ in range(3))
    for generation in (old, previous, current):
        directory.publish(generation)
    assert old.exists()  # its collection is still on the server: so is the directory
    server_down[0] = False
    newest = directory.new_generation()
    directory.publish(newest)
    assert set(dropped) == {old, previous} and len(dropped) == 2
    assert not old.exists() and not previous.exists() and current.exists()


def test_a_derived_generation_links_what_never_changes_and_copies_the_rest(tmp_path):
    import sqlite3

    directory = IndexDirectory(tmp_path / "index")
    source = directory.new_generation()
    (source / "passages.sqlite").write_bytes(b"passages")
    (source / "keyword").mkdir()
    (source / "keyword" / "data.npy").write_bytes(b"bm25")
    (source / "chroma").mkdir()
    (source / "manifest.json").write_text("{}")
    registry = sqlite3.connect(source / "registry.sqlite")
    registry.execute("PRAGMA journal_mode=WAL")
    registry.execute("CREATE TABLE documents (number TEXT)")
    with registry:
        registry.execute("INSERT INTO documents VALUES ('60/2014/QH13')")  # still in the write-ahead log
    directory.publish(source)

    derived = directory.derive(source, linked={"passages.sqlite", "keyword"}, left_out={"chroma"})

    assert derived != source and directory.current() == source  # not published by deriving
    assert (derived / "passages.sqlite").stat().st_ino == (source / "passages.sqlite").stat().st_ino
    assert (derived / "keyword" / "data.npy").stat().st_ino == (source / "keyword" / "data.npy").stat().st_ino
    assert not (derived / "chroma").exists()
    assert (derived / "manifest.json").stat().st_ino != (source / "manifest.json").stat().st_ino
    assert not list(derived.glob("registry.sqlite-*"))  # the copy holds what the log held
    copied = sqlite3.connect(derived / "registry.sqlite")
    assert copied.execute("SELECT number FROM documents").fetchall() == [("60/2014/QH13",)]
    copied.close()
    registry.close()


def test_try_lock_says_whether_it_took_the_lock(tmp_path):
    directory = IndexDirectory(tmp_path / "index")
    with directory.try_lock() as first:
        with IndexDirectory(tmp_path / "index").try_lock() as second:
            assert (first, second) == (True, False)
    with directory.try_lock() as again:
        assert again


def test_a_derivation_that_fails_leaves_nothing_behind(tmp_path, monkeypatch):
    import errno

    import knowledge.index.generations as generations

    directory = IndexDirectory(tmp_path / "index")
    source = directory.new_generation()
    (source / "passages.sqlite").write_bytes(b"passages")
    (source / "manifest.json").write_text("{}")
    directory.publish(source)

    def full(source, target):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(generations, "_copy_file", full)
    with pytest.raises(OSError):
        directory.derive(source, linked={"passages.sqlite"})
    assert list((tmp_path / "index").glob("gen-*")) == [source]
