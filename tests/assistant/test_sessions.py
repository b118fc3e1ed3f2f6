import pytest

from assistant.sessions import SessionStore, TurnRecord
from knowledge.errors import BadInput


def test_dialogue_state_survives_a_new_process(tmp_path):
    store = SessionStore(tmp_path / "c.sqlite3")
    session = store.start("phien-1", "citizen", "web")
    assert session.is_new
    session.state.procedure = "1.001193"
    store.finish_turn(session, TurnRecord("phien-1", 1.0, "web", "citizen", "procedure_guide", "làm giấy khai sinh", "…", "1.001193", "Hộ tịch", True, None))
    again = SessionStore(tmp_path / "c.sqlite3").start("phien-1", "citizen", "web")
    assert not again.is_new and again.state.procedure == "1.001193"
    assert [t.field for t in store.turns(since=0)] == ["Hộ tịch"]


def test_a_fresh_id_is_made_when_none_is_given_and_bad_ids_are_refused(tmp_path):
    store = SessionStore(tmp_path / "c.sqlite3")
    assert store.start(None, "citizen").id != store.start(None, "citizen").id
    with pytest.raises(BadInput):
        store.start("../etc/passwd", "citizen")
