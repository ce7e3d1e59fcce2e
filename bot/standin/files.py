"""Files: documents the bot sends or users upload, and getFile for downloading them.

Stored files get ids and paths shaped like Telegram's; the server serves their bytes under
``/file/bot<token>/<file_path>``.
"""

from __future__ import annotations

import hashlib
from typing import Any

from bot.standin.faults import bad_request
from bot.standin.objects import StoredFile
from bot.standin.params import Params, get_str
from bot.standin.store import ApiStore

MAX_CAPTION = 1024
MAX_DOWNLOAD = 20 * 1024 * 1024


class FileMethods(ApiStore):
    """sendDocument and getFile, and storing an uploaded file."""

    def add_file(self, data: bytes, file_name: str | None, mime_type: str | None) -> StoredFile:
        number = next(self._file_counter)
        digest = hashlib.sha1(data + str(number).encode()).hexdigest()
        suffix = ""
        if file_name and "." in file_name:
            suffix = "." + file_name.rsplit(".", 1)[1][:16]
        stored = StoredFile(
            file_id=f"BQACAgIAAx{digest[:24]}{number}",
            file_unique_id=f"AgAD{digest[24:36]}",
            data=data,
            file_name=file_name,
            mime_type=mime_type,
            file_path=f"documents/file_{number}{suffix}",
        )
        self.files[stored.file_id] = stored
        self.files_by_path[stored.file_path] = stored
        return stored

    def send_document(self, params: Params) -> dict[str, Any]:
        chat = self.chat(params)
        document = params.get("document")
        if isinstance(document, str) and document.startswith("attach://"):
            document = params.get(document[len("attach://") :])
        if document is None or document == "":
            raise bad_request("there is no document in the request")
        if isinstance(document, str):
            stored = self.files.get(document)
            if stored is None:
                raise bad_request("wrong file identifier/HTTP URL specified")
        else:
            data, file_name, mime_type = document
            if not data:
                raise bad_request("file must be non-empty")
            stored = self.add_file(data, file_name, mime_type)
        caption = get_str(params, "caption") or ""
        parse_mode = get_str(params, "parse_mode")
        plain, entities = self.render(caption, parse_mode) if caption else ("", [])
        if len(plain) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        return self._send(
            chat,
            params,
            text=caption or None,
            plain=plain or None,
            parse_mode=parse_mode,
            entities=entities,
            document=stored.document(),
            caption=caption or None,
            method="sendDocument",
        )

    def get_file(self, params: Params) -> dict[str, Any]:
        stored = self.files.get(get_str(params, "file_id") or "")
        if stored is None:
            raise bad_request("invalid file_id")
        if len(stored.data) > MAX_DOWNLOAD:
            raise bad_request("file is too big")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.data),
            "file_path": stored.file_path,
        }


__all__ = ["MAX_CAPTION", "MAX_DOWNLOAD", "FileMethods"]
