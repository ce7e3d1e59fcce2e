"""Chats and their members as the bot sees them: who holds which role, and the admin rights it implies.

Roles not set by a test follow Telegram's defaults: the bot is a member of groups and an administrator
of channels, a private chat holds its user and the bot, everyone else has left.
"""

from __future__ import annotations

from typing import Any

from bot.standin.faults import bad_request
from bot.standin.objects import Chat, User
from bot.standin.params import Params, require_int
from bot.standin.store import ApiStore

ADMIN_RIGHTS = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_post_messages": True,
    "can_edit_messages": True,
    "can_pin_messages": True,
}
ROLES = frozenset({"creator", "administrator", "member", "left", "kicked"})


class MemberMethods(ApiStore):
    """getChat, getChatMember and getChatAdministrators, over the roles tests set."""

    def role(self, chat: Chat, user_id: int) -> str:
        role = self.roles.get((chat.id, user_id))
        if role is not None:
            return role
        if chat.type == "private":
            return "member" if user_id in (chat.id, self.bot.id) else "left"
        if user_id == self.bot.id:
            return "administrator" if chat.type == "channel" else "member"
        return "left"

    def member(self, chat: Chat, user: User, role: str | None = None) -> dict[str, Any]:
        status = role or self.role(chat, user.id)
        data: dict[str, Any] = {"status": status, "user": user.to_api()}
        if status == "creator":
            data["is_anonymous"] = False
        elif status == "administrator":
            data.update(ADMIN_RIGHTS)
            data["can_be_edited"] = user.id == self.bot.id
        elif status == "kicked":
            data["until_date"] = 0
        return data

    def get_chat_member(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        user = self.users.get(require_int(params, "user_id"))
        if user is None:
            raise bad_request("user not found")
        return self.member(chat, user)

    def get_chat_administrators(self, params: Params) -> list[dict[str, Any]]:
        chat = self.chat(params)
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = []
        for user in self.users.values():
            role = self.role(chat, user.id)
            if role in ("creator", "administrator"):
                admins.append(self.member(chat, user, role))
        return admins

    def get_chat(self, params: Params) -> dict[str, Any]:
        data = self.chat(params).to_api()
        data.update(
            accent_color_id=0,
            max_reaction_count=11,
            accepted_gift_types={
                "unlimited_gifts": False,
                "limited_gifts": False,
                "unique_gifts": False,
                "premium_subscription": False,
                "gifts_from_channels": False,
            },
        )
        return data


__all__ = ["ADMIN_RIGHTS", "ROLES", "MemberMethods"]
