"""Officers upload documents: checked, stored under a generated name, indexed in the background, then searchable."""
import io
import time
import zipfile
from pathlib import Path

from knowledge.index.enrich import Enricher
from tests.channels.web.conftest import bearer

REGULATION = """QUY CHẾ
Quản lý nhà văn hóa tổ dân phố

Điều 1. Phạm vi điều chỉnh
Quy chế này quy định việc sử dụng nhà văn hóa tổ dân phố cho sinh hoạt cộng đồng.

Điều 2. Giờ mở cửa
Nhà văn hóa mở cửa từ 7 giờ đến 21 giờ hằng ngày, kể cả ngày nghỉ lễ.
"""


def upload(client, headers, name, content: bytes, access="internal"):
    return client.post("/api/documents", headers=headers, data={"access": access},
                       files={"file": (name, io.BytesIO(content), "application/octet-stream")})


def wait_for(client, headers, url, timeout=60.0) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(url, headers=headers).json()
        if job["status"] in ("done", "failed") or time.monotonic() > deadline:
            return job
        time.sleep(0.2)


def stored_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / "uploads").rglob("*") if p.is_file())


def test_an_internal_upload_is_indexed_in_the_background_and_only_staff_find_it(client, officer, tiny_settings, web_assistant):
    response = upload(client, officer, "quy-che-nha-van-hoa.txt", REGULATION.encode())
    assert response.status_code == 202
    job = response.json()["job"]
    assert response.headers["location"] == response.json()["status_url"] == f"/api/documents/jobs/{job['id']}"
    assert job["file_name"] == "quy-che-nha-van-hoa.txt" and job["access"] == "internal"
    assert job["uploaded_by"] == "Trần Thị Lan"

    finished = wait_for(client, officer, response.json()["status_url"])
    assert finished["status"] == "done", finished
    assert finished["report"]["errors"] == [] and finished["report"]["passages"] > 0
    [stored] = stored_files(tiny_settings.data_dir)
    assert stored.name == job["stored_as"] and stored.suffix == ".txt" and "quy-che" not in stored.name
    assert stored.read_bytes() == REGULATION.encode()

    query = {"q": "nhà văn hóa tổ dân phố mở cửa mấy giờ"}
    staff = client.get("/api/search", params=query, headers=officer).json()["results"]
    assert any("Nhà văn hóa mở cửa từ 7 giờ đến 21 giờ" in r["text"] for r in staff[:3])
    public = client.get("/api/search", params=query).json()["results"]
    assert all("Nhà văn hóa mở cửa" not in r["text"] for r in public)
    audit = [(e.actor, e.action, e.target, e.detail) for e in web_assistant.audit.entries()]
    assert ("Trần Thị Lan", "upload", "quy-che-nha-van-hoa.txt", "access: internal") in audit
    assert ("Trần Thị Lan", "token_use", "GET /api/search", "") in audit


def test_files_that_are_not_what_they_claim_are_refused_and_nothing_is_kept(client, officer, tiny_settings):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as package:
        package.writestr("hello.txt", "không phải Word")
    cases = [
        ("bao-cao.pdf", b"Day khong phai PDF", 400, "PDF"),
        ("to-trinh.docx", archive.getvalue(), 400, "Word"),
        ("to-trinh.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512, 400, ".docx"),
        ("ghi-chu.txt", b"Vi\xeat Nam b\xe3ng m\xe3 c\xfe", 400, "UTF-8"),  # an old 8-bit code page
        ("rong.txt", b"   ", 400, "rỗng"),
        ("virus.exe", b"MZ\x90\x00", 400, "định dạng"),
        ("khong-duoi", b"abc", 400, "định dạng"),
        ("../../etc/cron.d/x.txt", REGULATION.encode(), 400, "tên tệp"),
        ("..\\..\\win.txt", REGULATION.encode(), 400, "tên tệp"),
        ("..", REGULATION.encode(), 400, "tên tệp"),
    ]
    for name, content, status, needle in cases:
        response = upload(client, officer, name, content)
        assert response.status_code == status, (name, response.text)
        assert needle in response.json()["detail"], (name, response.json())
        assert "Traceback" not in response.text
    assert stored_files(tiny_settings.data_dir) == []


def test_size_limits(client, officer, tiny_settings):
    just_over = upload(client, officer, "lon.txt", b"a" * (20 * 1024 * 1024 + 1))
    assert just_over.status_code == 413 and "20 MB" in just_over.json()["detail"]
    far_over = upload(client, officer, "lon.txt", b"a" * (21 * 1024 * 1024))
    assert far_over.status_code == 413
    assert stored_files(tiny_settings.data_dir) == []


def test_uploads_need_an_officer_and_well_formed_fields(client, officer, web_assistant):
    assert upload(client, {}, "a.txt", REGULATION.encode()).status_code == 401
    delegate = web_assistant.users.add_user("Phạm Thu", "delegate")
    assert upload(client, bearer(web_assistant.users.issue_token(delegate.id)), "a.txt", b"x").status_code == 403
    assert upload(client, officer, "a.txt", REGULATION.encode(), access="secret").status_code == 422
    missing = client.post("/api/documents", headers=officer, data={"access": "public"})
    assert missing.status_code == 422 and "file" in missing.json()["detail"]
    assert client.get("/api/documents/jobs/khong-co", headers=officer).status_code == 404


def test_an_upload_keeps_the_body_vectors_of_the_rest_of_the_index(client, officer, tiny_settings):
    enriched = Enricher(tiny_settings).run()
    assert enriched.covered == enriched.passages and client.get("/api/health").json()["coverage"]["share"] == 1.0
    response = upload(client, officer, "quy-che-nha-van-hoa.txt", REGULATION.encode())
    finished = wait_for(client, officer, response.json()["status_url"])
    assert finished["status"] == "done", finished
    republished = finished["report"]["enrichment"]
    assert republished["embedded"] == 0 and republished["passages"] == enriched.passages + 2
    coverage = client.get("/api/health").json()["coverage"]
    assert coverage["passages"] == enriched.passages + 2 and coverage["with_body_vectors"] >= enriched.passages
