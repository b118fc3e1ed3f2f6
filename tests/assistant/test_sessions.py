import pytest

from assistant.sessions import SessionStore, TurnRecord
from knowledge.errors import BadInput


def test_dialogue_state_survives_a_new_process_and_is_shared_by_workers(store_settings):
    store = SessionStore.open(store_settings)
    session = store.start("phien-1", "citizen", "web")
    assert session.is_new
    session.state.procedure = "1.001193"
    store.finish_turn(session, TurnRecord("phien-1", 1.0, "web", "citizen", "procedure_guide", "làm giấy khai sinh", "…", "1.001193", "Hộ tịch", True, None))
    worker = SessionStore.open(store_settings)
    again = worker.start("phien-1", "citizen", "web")
    assert not again.is_new and again.state.procedure == "1.001193"
    again.handed_over = True
    worker.finish_turn(again, TurnRecord("phien-1", 2.0, "web", "citizen", "handover", "gặp cán bộ", "…", "1.001193", None, True, None))
    assert [t.text for t in store.turns(since=0)] == ["làm giấy khai sinh", "gặp cán bộ"]
    assert store.handed_over() == ["phien-1"]


def test_a_fresh_id_is_made_when_none_is_given_and_bad_ids_are_refused(store_settings):
    store = SessionStore.open(store_settings)
    assert store.start(None, "citizen").id != store.start(None, "citizen").id
    with pytest.raises(BadInput):
        store.start("../etc/passwd", "citizen")


CHAT_WRITER = """
import sys, time
from pathlib import Path
from assistant.sessions import SessionStore, TurnRecord
store = SessionStore(Path(sys.argv[1]))
n = 0
while True:
    n += 1
    session = store.start("phien-crash", "citizen", "web")
    session.state.procedure = str(n)
    store.finish_turn(session, TurnRecord("phien-crash", time.time(), "web", "citizen", "procedure_detail",
                                          f"lượt {n}", "…", str(n), "Hộ tịch", True, None))
    print(n, flush=True)
"""


def test_sigkill_during_chat_writes_leaves_state_and_log_agreeing(tmp_path):
    """Killed mid-write, the store keeps every acknowledged turn, and the state matches the last turn logged."""
    import signal
    import sqlite3
    import subprocess
    import sys

    path = tmp_path / "conversations.sqlite3"
    earlier_rounds = 0
    for _ in range(3):
        writer = subprocess.Popen([sys.executable, "-c", CHAT_WRITER, str(path)], stdout=subprocess.PIPE, text=True)
        acknowledged = 0
        while acknowledged < 150:
            acknowledged = int(writer.stdout.readline())
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()

        store = SessionStore(path)
        turns = store.turns(session_id="phien-crash")
        this_round = [t.text for t in turns[earlier_rounds:]]
        assert len(this_round) >= acknowledged
        assert this_round == [f"lượt {n}" for n in range(1, len(this_round) + 1)]
        earlier_rounds = len(turns)
        assert store.start("phien-crash", "citizen").state.procedure == turns[-1].procedure
        assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
