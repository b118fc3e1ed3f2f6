from pathlib import Path

from assistant.security.users import UserDirectory
from channels.cli import main
from knowledge.settings import Settings


def test_user_commands(data_dir: Path, capsys) -> None:
    assert main(["user", "add", "Nguyễn Văn Minh", "--role", "officer", "--unit", "Văn phòng UBND", "--manager"]) == 0
    out = capsys.readouterr().out
    token = next(line.split()[1] for line in out.splitlines() if line.startswith("token: "))
    assert UserDirectory.open(Settings.from_env()).authenticate(token).name == "Nguyễn Văn Minh"
    assert main(["user", "list"]) == 0
    assert "Nguyễn Văn Minh\tofficer [lãnh đạo]\tVăn phòng UBND" in capsys.readouterr().out
    assert main(["user", "link-code", "nguyen van minh"]) == 0
    assert "/lienket " in capsys.readouterr().out
    assert main(["user", "token", "Nguyễn Văn Minh"]) == 0
    assert capsys.readouterr().out.startswith("token: troly_")


def test_bad_user_input_exits_2(data_dir: Path, capsys) -> None:
    assert main(["user", "add", "Lê Văn Tám", "--manager"]) == 2
    assert "đơn vị" in capsys.readouterr().err
    assert main(["user", "link-code", "Không Ai"]) == 2
    assert "không có người dùng" in capsys.readouterr().err
