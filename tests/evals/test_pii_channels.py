import unicodedata

from evals.pii_channels import find_values, kind_of, main, spellings


def test_a_value_is_found_in_any_stored_spelling_and_only_where_it_is(tmp_path):
    (tmp_path / "turns.sqlite3").write_bytes(b"\x00SQLite " + unicodedata.normalize("NFD", "Phạm Bảo Hà").encode() + b"\x00")
    (tmp_path / "run.log").write_text("gọi số 0912345678 lúc 9h", encoding="utf-8")
    (tmp_path / "clean.log").write_text("gọi số [SĐT] lúc 9h, anh [HỌ TÊN]", encoding="utf-8")
    found = find_values(tmp_path, ["Phạm Bảo Hà", "0912 345 678", "nam.tran@gmail.com"])
    assert found == {"Phạm Bảo Hà": ["turns.sqlite3"], "0912 345 678": ["run.log"]}
    assert b"0912345678" in spellings("0912.345.678") and len(spellings("Khôi")) == 2
    assert [kind_of(v) for v in ("a@b.vn", "079 201 000 123", "Trần Văn Nam")] == [
        "email", "number (CCCD, phone, account)", "name or address"]


def test_unreadable_messages_exit_2(tmp_path, capsys):
    assert main(["--messages", str(tmp_path / "missing.jsonl"), "--reports", str(tmp_path)]) == 2
    assert "cannot read the messages" in capsys.readouterr().err
