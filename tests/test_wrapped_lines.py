"""Text as a PDF's narrow column leaves it: lines cut at a fixed width, wherever the words fall,
and lost glyphs standing as "?" between a day and its hours. The notice reads as it would with
its lines whole."""

from __future__ import annotations

from datetime import datetime

from notices.normalize import normalize
from notices.parse import parse_page
from notices.segment import segment
from tests.periods_support import TZ, periods

PUB = datetime(2024, 3, 1, tzinfo=TZ).date()


def test_a_lost_glyph_between_a_day_and_its_hours_keeps_the_hours() -> None:
    text = "交通管制通告\n一、检测时间：2024年3月5日(星期二)?08:00—17:00?二、检测方式：桥梁全封闭检测。\n"
    day = datetime(2024, 3, 5, tzinfo=TZ)
    assert periods(text, published=PUB) == [(day.replace(hour=8), day.replace(hour=17))]


def test_a_question_mark_after_words_still_ends_a_question() -> None:
    assert normalize("真的吗?2023年的事") == "真的吗?2023年的事"
    assert normalize("(周二)?09:00") == "(周二) 09:00"


NARROW = (
    "某某物资公开招标公告\n"
    "某某局为购买办公设备进行公开招标,截标\n"
    "时间为3月20日下午5时正,有意投标者自3\n"
    "月5日起可前往某某局一楼服务专区购买招标\n"
    "文件副本,如欲查阅招标文件可前往本局六\n"
    "楼公共关系处。\n"
)


def test_a_full_line_holding_a_notice_word_mid_sentence_is_no_title() -> None:
    items = segment(NARROW)
    assert len(items) == 1
    assert [p.text for p in items[0].title] == ["某某物资公开招标公告"]
    notices = parse_page(NARROW, published=PUB, tz=TZ).notices
    assert len(notices) == 1
    ends = sorted(str(p.end) for p in notices[0].periods)
    assert ends == ["2024-03-20 17:00:00+08:00", "None"]
