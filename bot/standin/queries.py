"""Answers to callback and inline queries: each query is answered once, while it is still known."""

from __future__ import annotations

from bot.standin.faults import bad_request
from bot.standin.markup import check_markup
from bot.standin.messaging import MAX_TEXT
from bot.standin.params import Params, get_json, get_str
from bot.standin.store import ApiStore


class QueryMethods(ApiStore):
    """answerCallbackQuery and answerInlineQuery; the answers are kept for tests to read."""

    def answer_callback_query(self, params: Params) -> bool:
        query_id = get_str(params, "callback_query_id") or ""
        if query_id not in self.callback_queries or query_id in self.callback_answers:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        if len(get_str(params, "text") or "") > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        self.callback_answers[query_id] = params
        return True

    def answer_inline_query(self, params: Params) -> bool:
        query_id = get_str(params, "inline_query_id") or ""
        if query_id not in self.inline_queries or query_id in self.inline_answers:
            raise bad_request("query is too old and response timeout expired or query ID is invalid")
        results = get_json(params, "results")
        if not isinstance(results, list):
            raise bad_request("can't parse results JSON object")
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            if not isinstance(result, dict) or not result.get("type") or not result.get("id"):
                raise bad_request('can\'t parse InlineQueryResult: Field "type" must be of type String')
            result_id = str(result["id"])
            if len(result_id.encode("utf-8")) > 64:
                raise bad_request("RESULT_ID_INVALID")
            if result_id in seen:
                raise bad_request("RESULT_ID_DUPLICATE")
            seen.add(result_id)
            content = result.get("input_message_content")
            if isinstance(content, dict) and "message_text" in content:
                plain, _ = self.render(str(content["message_text"]), content.get("parse_mode"))
                if not plain.strip():
                    raise bad_request("MESSAGE_EMPTY")
                if len(plain) > MAX_TEXT:
                    raise bad_request("MESSAGE_TOO_LONG")
            check_markup(result.get("reply_markup"))
        self.inline_answers[query_id] = params
        return True


__all__ = ["QueryMethods"]
