"""Signatures as pages print them beyond the two-line shape: the issuer and its day on one line, a
year typed with a digit for its zero, a day followed by where it was signed; and a report's date
that opens the sentence telling what the reporter learned. None of these days is a period."""

from __future__ import annotations

from datetime import date

import pytest

from notices.normalize import normalize
from tests.periods_support import at, periods

_CLOSURE = (
    "关于桂花路临时交通管制的通告\n"
    "因举办端午龙舟赛，2023年6月22日8时至12时，桂花路全线禁止机动车通行，请绕行。\n"
    "特此通告。\n"
)
_PLAN = [(at(6, 22, 8), at(6, 22, 12))]


@pytest.mark.parametrize(
    "signature",
    [
        "某某县公安局交通管理大队 2023年6月16日\n",
        "某某县公安局交警大队2023年6月16日\n",
        "某某县公安局交警大队　2023年6月16日。\n",
        "某某县公安局交通管理大队\n二0二三年六月十六日\n",
        "某某县公安局交通管理大队\n二O二三年六月十六日\n",
    ],
)
def test_a_signature_in_another_shape_is_no_period(signature: str) -> None:
    assert periods(_CLOSURE + signature, published=date(2023, 6, 16)) == _PLAN


def test_an_issuer_and_a_plan_day_on_one_line_stay_a_plan() -> None:
    text = "停电通知\n因线路检修，城南片区将停电。\n停电日期：\n城南供电所 2023年6月22日起\n"
    assert (date(2023, 6, 22), None) in periods(text, published=date(2023, 6, 16))


def test_a_year_typed_with_a_digit_for_zero_reads_as_the_year() -> None:
    assert normalize("二0二三年六月十六日") == "二〇二三年六月十六日"
    assert normalize("于二o一九年") == "于二〇一九年"
    # a run of digits or a number with no other numeral than its zeros is left as typed
    assert normalize("编号一0000年") == "编号一0000年"
    assert normalize("2023年") == "2023年"


_TENDER = (
    "公開招標公告\n"
    "有意者可於辦公時間內到上址參閱招標文件。\n"
    "標書必須於二零二三年七月十日下午五時前遞交至本局辦事處。\n"
)


@pytest.mark.parametrize(
    "signed", ["二零二三年六月二十八日於某某局\n局長 陳大文\n", "二零二三年六月二十八日於本澳\n"]
)
def test_a_day_signed_at_a_place_is_no_period(signed: str) -> None:
    assert periods(_TENDER + signed, published=date(2023, 6, 28)) == [(None, at(7, 10, 17))]


def test_a_day_followed_by_where_something_is_held_stays_a_plan() -> None:
    text = "公告\n本局定於以下日期舉行公眾諮詢會，歡迎市民出席：\n二零二三年六月二十八日於某某社區中心舉行\n"
    assert (date(2023, 6, 28), date(2023, 6, 28)) in periods(text, published=date(2023, 6, 20))


def test_the_day_a_reporter_learned_of_a_cut_is_no_period() -> None:
    text = (
        "某区这些地方19日将停水\n"
        "6月16日，某某网·新闻记者从市水务集团获悉，为配合管网改造，6月18日23:00至19日11:00，"
        "和平路以南区域将停水。\n"
    )
    assert periods(text, published=date(2023, 6, 16)) == [(at(6, 18, 23), at(6, 19, 11))]


def test_a_day_signed_at_a_place_in_a_page_run_into_one_line_is_no_period() -> None:
    text = (
        "公開招標公告 標書必須於二零二三年七月十日下午五時前遞交至本局辦事處。 "
        "二零二三年六月二十八日於某某局 局長 陳大文"
    )
    assert periods(text, published=date(2023, 6, 28)) == [(None, at(7, 10, 17))]
