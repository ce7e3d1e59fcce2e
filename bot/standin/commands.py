"""The bot's command lists, kept per scope and language as Telegram keeps them."""

from __future__ import annotations

import json
import re
from typing import Any

from bot.standin.faults import bad_request
from bot.standin.params import Params, get_json, get_str
from bot.standin.store import ApiStore

_COMMAND = re.compile(r"[a-z0-9_]{1,32}")


class CommandMethods(ApiStore):
    """setMyCommands, getMyCommands and deleteMyCommands."""

    @staticmethod
    def _commands_key(params: Params) -> tuple[str, str]:
        scope = get_json(params, "scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), get_str(params, "language_code") or ""

    def set_my_commands(self, params: Params) -> bool:
        commands = get_json(params, "commands")
        if not isinstance(commands, list):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        for command in commands:
            if not isinstance(command, dict) or not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request("BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        language = get_str(params, "language_code") or ""
        if language and not re.fullmatch(r"[a-z]{2}", language):
            raise bad_request("invalid language code specified")
        self.commands[self._commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def get_my_commands(self, params: Params) -> list[dict[str, Any]]:
        return self.commands.get(self._commands_key(params), [])

    def delete_my_commands(self, params: Params) -> bool:
        self.commands.pop(self._commands_key(params), None)
        return True


__all__ = ["CommandMethods"]
