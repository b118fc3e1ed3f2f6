"""``troly user add|list|token|link-code``: the user directory from the command line."""
from __future__ import annotations

import argparse

from assistant.security.users import LINK_CODE_TTL, ROLES, UserDirectory


def register(subparsers) -> None:
    parser = subparsers.add_parser("user", help="người dùng: thêm, liệt kê, cấp token, mã liên kết kênh")
    commands = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)

    add = commands.add_parser("add", help="thêm người dùng và in API token (chỉ một lần)")
    add.add_argument("name", help="họ và tên, ví dụ \"Nguyễn Văn Minh\"")
    add.add_argument("--role", choices=ROLES, default="officer")
    add.add_argument("--unit", help="đơn vị, ví dụ \"Văn phòng UBND\"")
    add.add_argument("--manager", action="store_true", help="lãnh đạo đơn vị: giao việc cho cán bộ cùng đơn vị")
    add.set_defaults(handler=_add)

    listing = commands.add_parser("list", help="liệt kê người dùng")
    listing.add_argument("--unit")
    listing.set_defaults(handler=_list)

    token = commands.add_parser("token", help="cấp thêm một API token cho người dùng")
    token.add_argument("name")
    token.set_defaults(handler=_token)

    code = commands.add_parser("link-code", help="mã dùng một lần để liên kết Telegram/Zalo")
    code.add_argument("name")
    code.set_defaults(handler=_link_code)


def _add(args: argparse.Namespace) -> int:
    users = UserDirectory.open()
    user = users.add_user(args.name, args.role, args.unit, args.manager)
    token = users.issue_token(user.id)
    manager = ", lãnh đạo đơn vị" if user.is_manager else ""
    print(f"Đã thêm #{user.id} {user.name} ({user.role}{', ' + user.unit if user.unit else ''}{manager})")
    print(f"token: {token}")
    print("(token chỉ hiển thị một lần — hãy lưu lại ngay)")
    return 0


def _list(args: argparse.Namespace) -> int:
    users = UserDirectory.open()
    listed = users.list_users(unit=args.unit)
    if not listed:
        print("Chưa có người dùng nào.")
    for user in listed:
        links = ", ".join(f"{link.channel}:{link.address}" for link in users.links(user.id))
        flags = " [lãnh đạo]" if user.is_manager else ""
        print(f"#{user.id}\t{user.name}\t{user.role}{flags}\t{user.unit or '-'}\t{links or '-'}")
    return 0


def _token(args: argparse.Namespace) -> int:
    users = UserDirectory.open()
    print(f"token: {users.issue_token(users.by_name(args.name).id)}")
    return 0


def _link_code(args: argparse.Namespace) -> int:
    users = UserDirectory.open()
    user = users.by_name(args.name)
    code = users.create_link_code(user.id)
    minutes = int(LINK_CODE_TTL.total_seconds() // 60)
    print(f"Mã liên kết cho {user.name}: {code} (dùng một lần, hết hạn sau {minutes} phút)")
    print(f"Trên Telegram, gửi cho trợ lý: /lienket {code}")
    return 0
