import json

from assistant.security.audit import AuditLog
from channels.cli import main
from knowledge.settings import Settings


def test_audit_lists_filters_and_prints_json(data_dir, capsys):
    log = AuditLog.open(Settings.from_env())
    log.record("Nguyễn Văn An", "officer", "upload", "quy-che.docx", "web", "internal")
    log.record("Trần Thị Bình", "delegate", "hdnd_review", "to-trinh.docx", "web")
    log.close()

    assert main(["audit"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "Nguyễn Văn An (officer)\tupload\tquy-che.docx\tweb\tinternal" in lines[0]
    assert main(["audit", "--actor", "Trần Thị Bình", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["target"] == "to-trinh.docx"
    assert main(["audit", "--since", "2999-01-01"]) == 0
    assert "trống" in capsys.readouterr().out


def test_a_bad_date_exits_2(data_dir, capsys):
    assert main(["audit", "--since", "24/11/2026"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
