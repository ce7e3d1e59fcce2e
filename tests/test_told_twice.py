"""A report of a notice and the notice's own text under it: one notice's periods, given once.

Every text here is written for these tests in the styles real notices use.
"""

from __future__ import annotations

from datetime import date

from notices.categories import Category
from notices.parse import parse_page
from tests.periods_support import TZ, at, periods

_REPORT = (
    "5月20日，某某体育中心周边道路将实施临时交通管制\n发布时间:2023-05-10 10:00:00\n"
    "5月9日，某某市公安局交通警察大队发布《关于某某演唱会期间交通管制的通告》称，某某演唱会将于2023年5月20日"
    "在某某体育中心举行。为确保演唱会安全有序，体育中心周边道路将实施临时交通管制措施，交通管制时段为5月20日16时"
    "至演唱会结束，管制区域为某某路、某某大道部分路段，届时请广大市民提前规划出行路线，选择公共交通工具出行，"
    "并服从现场交警指挥。具体通告如下：\n\n"
)
_NOTICE = (
    "关于某某演唱会期间交通管制的通告\n"
    "某某演唱会将于2023年5月20日在某某体育中心举行。为确保演唱会安全有序举行，现将有关事项通告如下：\n"
    "一、交通管制时段\n5月20日16时至演唱会结束。\n二、交通管制区域\n某某路、某某大道部分路段。"
)


def test_report_then_its_notice_gives_each_period_once() -> None:
    got = periods(_REPORT + _NOTICE)
    assert len(got) == len(set(got))
    assert (at(5, 20, 16), None) in got


#: Enough of the simplified-to-traditional mapping to repost the page above in traditional script.
_TRADITIONAL = str.maketrans(
    "关于举为确时区规划场项发称现将实临员请选择众从挥体边会届间结门车辆队务与",
    "關於舉為確時區規劃場項發稱現將實臨員請選擇眾從揮體邊會屆間結門車輛隊務與",
)


def test_report_then_its_notice_traditional() -> None:
    got = periods((_REPORT + _NOTICE).translate(_TRADITIONAL))
    assert len(got) == len(set(got))
    assert (at(5, 20, 16), None) in got


def test_two_notices_with_other_days_both_stay() -> None:
    first = (
        "关于某某路封闭施工的通告\n因管道施工，5月15日至5月20日某某路封闭施工。\n"
        "某某市公安局交警大队\n2023年5月10日\n"
    )
    second = (
        "关于某某街封闭施工的通告\n因管道施工，5月22日至5月25日某某街封闭施工。\n"
        "某某市公安局交警大队\n2023年5月10日"
    )
    got = periods(first + "\n" + second)
    assert len(got) == 2


def test_a_short_report_of_no_kind_gives_way_to_the_notice_it_quotes() -> None:
    """A two-line report too short to name a kind, then the notice: one notice, of the notice's kind."""
    report = (
        "某市交通管理局10日发布通告，5月15日至5月17日，某某大桥将进行维修施工。"
        "为确保施工顺利进行，每日23时至次日5时，某某大桥禁止机动车通行。通告见下：\n"
    )
    notice = (
        "某市交通管理局\n关于某某大桥维修施工期间交通管理的通告\n"
        "2023年5月15日至2023年5月17日，某某大桥将进行维修施工。现将有关事项通告如下：\n"
        "一、每日23时至次日5时，某某大桥禁止机动车通行。\n二、需通行的机动车，可绕行某某二桥。\n"
        "特此通告\n某市交通管理局\n2023年5月10日"
    )
    found = parse_page(report + notice, published=date(2023, 5, 10), tz=TZ).notices
    assert [(p.start, p.end) for n in found for p in n.periods] == [(date(2023, 5, 15), date(2023, 5, 17))]
    assert found[0].category is not Category.OTHER
