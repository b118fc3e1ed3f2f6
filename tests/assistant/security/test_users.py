from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest

from assistant.security.users import UserDirectory
from knowledge.errors import BadInput
from knowledge.settings import Settings
from tests.postgres import raw_connection

from ..conftest import FakeClock


def test_add_and_find_users_by_name_whatever_the_diacritics(users: UserDirectory) -> None:
    minh = users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    lan = users.add_user("Trần Thị Lan", "officer", "Văn phòng UBND", manager=True)
    assert users.by_name("nguyen van minh") == minh
    assert users.find("Minh") == [minh]
    assert users.find("văn minh", unit="van phong ubnd") == [minh]
    assert users.find("Minh", unit="Phòng Tư pháp") == []
    assert lan.is_manager and lan.given_name == "Lan"
    assert [u.name for u in users.list_users(unit="Văn phòng UBND")] == ["Nguyễn Văn Minh", "Trần Thị Lan"]


def test_bad_users_are_refused(users: UserDirectory) -> None:
    users.add_user("Nguyễn Văn Minh")
    with pytest.raises(BadInput, match="đã có"):
        users.add_user("NGUYEN VAN MINH")
    with pytest.raises(BadInput, match="vai trò"):
        users.add_user("Lê Văn Tám", role="boss")
    with pytest.raises(BadInput, match="đơn vị"):
        users.add_user("Lê Văn Tám", manager=True)
    with pytest.raises(BadInput, match="không có người dùng"):
        users.by_name("Phạm Văn Không")


def test_tokens_are_shown_once_and_stored_hashed(users: UserDirectory, store_settings: Settings) -> None:
    minh = users.add_user("Nguyễn Văn Minh")
    token = users.issue_token(minh.id)
    assert users.authenticate(token) == minh
    assert users.authenticate(token + "x") is None
    assert users.authenticate("") is None
    raw = raw_connection(store_settings, "users")
    stored = raw.execute("SELECT token_hash, user_id FROM api_tokens").fetchall()
    raw.close()
    assert len(stored) == 1 and token not in str(stored)
    assert users.revoke_tokens(minh.id) == 1
    assert users.authenticate(token) is None


def test_link_code_binds_a_channel_address_once(users: UserDirectory) -> None:
    minh = users.add_user("Nguyễn Văn Minh")
    code = users.create_link_code(minh.id)
    assert users.redeem_link_code(code.lower().replace("-", " "), "telegram", "123456") == minh
    assert users.user_at("telegram", "123456") == minh
    assert [(link.channel, link.address) for link in users.links(minh.id)] == [("telegram", "123456")]
    with pytest.raises(BadInput, match="đã được dùng"):
        users.redeem_link_code(code, "telegram", "999")
    with pytest.raises(BadInput, match="không đúng"):
        users.redeem_link_code("AAAA-BBBB", "telegram", "999")


def test_link_codes_expire(users: UserDirectory, clock: FakeClock) -> None:
    minh = users.add_user("Nguyễn Văn Minh")
    code = users.create_link_code(minh.id, ttl=timedelta(minutes=15))
    clock.current += timedelta(minutes=16)
    with pytest.raises(BadInput, match="hết hạn"):
        users.redeem_link_code(code, "zalo", "z-1")
    assert users.links(minh.id) == []


def test_an_address_moves_to_whoever_redeems_a_code_for_it(users: UserDirectory) -> None:
    minh = users.add_user("Nguyễn Văn Minh")
    lan = users.add_user("Trần Thị Lan")
    users.redeem_link_code(users.create_link_code(minh.id), "telegram", "42")
    users.redeem_link_code(users.create_link_code(lan.id), "telegram", "42")
    assert users.user_at("telegram", "42") == lan
    assert users.links(minh.id) == []
    users.redeem_link_code(users.create_link_code(lan.id), "telegram", "43")
    assert [link.address for link in users.links(lan.id)] == ["43"]
    assert users.unlink(lan.id, "telegram") and users.links(lan.id) == []


def test_bad_channel_names_and_addresses(users: UserDirectory) -> None:
    minh = users.add_user("Nguyễn Văn Minh")
    code = users.create_link_code(minh.id)
    with pytest.raises(BadInput, match="kênh"):
        users.redeem_link_code(code, "Tele gram!", "1")
    with pytest.raises(BadInput, match="địa chỉ"):
        users.redeem_link_code(code, "telegram", "  ")
    assert users.redeem_link_code(code, "telegram", "1") == minh  # a refused attempt does not spend the code


def test_open_uses_the_data_dir(data_dir: Path) -> None:
    directory = UserDirectory.open(Settings.from_env())
    directory.add_user("Nguyễn Văn Minh")
    directory.close()
    assert (data_dir / "users.sqlite3").exists()


def test_two_workers_share_users_tokens_and_links(users: UserDirectory, store_settings: Settings, clock: FakeClock) -> None:
    """A second process (another ``troly serve`` worker) sees what the first wrote, and spends a code only once."""
    other = UserDirectory.open(store_settings, clock)
    minh = users.add_user("Nguyễn Văn Minh", "officer", "Văn phòng UBND")
    token = users.issue_token(minh.id)
    assert other.authenticate(token) == minh
    with pytest.raises(BadInput, match="đã có"):
        other.add_user("nguyen van minh")
    code = other.create_link_code(minh.id)
    assert users.redeem_link_code(code, "zalo", "z-77") == minh
    assert other.user_at("zalo", "z-77") == minh
    with pytest.raises(BadInput, match="đã được dùng"):
        other.redeem_link_code(code, "telegram", "555")
    other.close()


def test_a_link_code_redeemed_by_two_workers_at_once_links_one_address(
    users: UserDirectory, store_settings: Settings, clock: FakeClock
) -> None:
    workers = [UserDirectory.open(store_settings, clock) for _ in range(4)]
    minh = users.add_user("Nguyễn Văn Minh")
    code = users.create_link_code(minh.id)

    def redeem(n: int) -> bool:
        try:
            workers[n].redeem_link_code(code, "telegram", f"chat-{n}")
        except BadInput:
            return False
        return True

    with ThreadPoolExecutor(len(workers)) as pool:
        assert sum(pool.map(redeem, range(len(workers)))) == 1
    assert len(users.links(minh.id)) == 1
    for worker in workers:
        worker.close()
