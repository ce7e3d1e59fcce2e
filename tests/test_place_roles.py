"""Places have roles: what a notice affects, and the roads it sends traffic over instead; and each
period of a notice keeps the places written with it."""

from __future__ import annotations

import time
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from notices.model import Period
from notices.parse import parse_page
from notices.roles import read_roles

TZ = ZoneInfo("Asia/Shanghai")

# (sentence, affected places, detours): sentences written for these tests, in the styles notices use.
ROLES: list[tuple[str, list[str], list[str]]] = [
    # a detour after a routing word
    ("新华路封闭，请绕行胜利路。", ["新华路"], ["胜利路"]),
    ("因建设路施工，过往车辆请提前绕道和平路。", ["建设路"], ["和平路"]),
    ("施工期间，东风大街禁止机动车通行，车辆改走人民大街。", ["东风大街"], ["人民大街"]),
    ("行人可借道滨河路通行。", [], ["滨河路"]),
    ("进城车辆将分流至解放路、中山路。", [], ["解放路", "中山路"]),
    ("替代道路：青年路、光明路。", [], ["青年路", "光明路"]),
    ("绕行路线：经团结路、友谊路前往城东。", [], ["团结路", "友谊路"]),
    ("前往火车站的市民可由站前路前往。", [], ["站前路"]),
    ("长江路全封闭施工，市民可改乘地铁或经黄河路出行。", ["长江路"], ["黄河路"]),
    # places between a preposition and a routing verb, or named a detour after them
    ("车辆可经新华路、胜利路绕行。", [], ["新华路", "胜利路"]),
    ("货车由环城北路绕行，客车由环城南路通行。", [], ["环城北路", "环城南路"]),
    ("滨江路作为临时绕行道路。", [], ["滨江路"]),
    ("北京路为本次施工的分流道路。", [], ["北京路"]),
    # a clock time run into the name after it is no part of the name
    ("5月12日8时至17时和平路停电。", ["和平路"], []),
    ("次日上午八时至下午五时半人民路停水。", ["人民路"], []),
    ("4月3日7点30分东关街封闭施工。", ["东关街"], []),
    ("6月3日9:30起中山北路半幅封闭。", ["中山北路"], []),
    # words that end like a road but name none: road users, carriageways, the airways
    ("请过往用路人减速慢行，建设路半幅封闭。", ["建设路"], []),
    ("先封闭主道后封闭次道，中山路车辆减速。", ["中山路"], []),
    ("冬季注意预防呼吸道疾病，和平街停止供暖。", ["和平街"], []),
    # a verb or a function word before the suffix ends the stretch: it is no name
    ("经检测，结论为桥体受损，胜利桥禁止通行。", ["胜利桥"], []),
    ("车辆可停到镇政府停车场，解放路封闭施工。", ["解放路"], []),
    ("施工单位首先要对桥进行加固，其次是对桥下道路清理，幸福桥封闭。", ["幸福桥"], []),
    ("禁止车辆停泊光明广场，胜利路封闭。", ["光明广场", "胜利路"], []),
    # a date, a count or a route number before the name is no part of it; nor a time word
    ("15日起市公路局对和平桥进行检测。", ["和平桥"], []),
    ("G205线大桥路封闭施工。", ["大桥路"], []),
    ("第四届县道建设表彰会召开，团结路封闭。", ["团结路"], []),
    ("届时黄河路将实行交通管制。", ["黄河路"], []),
    ("施工单位将排除东风街积水隐患，东风街封闭。", ["东风街"], []),
    ("这个路段封闭期间，请绕行新华路。", [], ["新华路"]),
    ("配合燃气管道施工，光明路半幅封闭。", ["光明路"], []),
    ("驾驶者请遵守路面指示，解放桥限行。", ["解放桥"], []),
    # a place closed stays a place, whatever else the sentence says
    ("途经新华路的车辆请绕行。", ["新华路"], []),
    ("请绕开新华路施工路段。", ["新华路"], []),
    ("车辆请绕行，兴隆街将全封闭。", ["兴隆街"], []),
    ("分流至胜利路后，封闭新华路。", ["新华路"], ["胜利路"]),
    ("新华路与胜利路交叉口封闭施工，车辆请绕行建设路。", ["新华路与胜利路交叉口"], ["建设路"]),
    ("幸福街停电，请居民到和平街营业厅咨询。", ["幸福街", "和平街"], []),
    ("因文化路施工，请绕行长庆街；长庆街高峰时段车多，请注意安全。", ["文化路"], ["长庆街"]),
    # 及 closing a list joins two places into none: each is its own
    ("停电范围：东岗村、西岗村及南岗村。", ["东岗村", "西岗村", "南岗村"], []),
    ("青年路及光明路封闭施工，请绕行。", ["青年路", "光明路"], []),
    # 等 closes a list and 而 opens a clause: neither belongs to a name
    ("渡口路等路段封闭施工。", ["渡口路"], []),
    ("东门桥今晚封闭，而青年桥的管制持续到月底。", ["东门桥", "青年桥"], []),
    # a corner bracket quoting a works' name is no part of the place inside it
    ("為配合「北溪鄉上林村供水管線工程」，上林村停水。", ["北溪鄉上林村"], []),
    # traditional script
    ("新華路封閉，請繞行勝利路。", ["新華路"], ["勝利路"]),
    ("車輛可經中正路、民生路繞行。", [], ["中正路", "民生路"]),
    ("工程期間，彌敦道南行線封閉，車輛須改經上海街行駛。", ["彌敦道"], ["上海街"]),
    ("過往車輛請提前繞道忠孝東路。", [], ["忠孝東路"]),
    ("請繞行和平東路，復興南路全線封閉。", ["復興南路"], ["和平東路"]),
    ("替代道路：信義路、仁愛路。", [], ["信義路", "仁愛路"]),
    # English
    (
        "Harbour Road will be closed. Motorists are advised to use Gloucester Road as a detour.",
        ["Harbour Road"],
        ["Gloucester Road"],
    ),
    ("Please use Harbour Road as a detour.", [], ["Harbour Road"]),
    (
        "Traffic on Canal Road will be diverted to Queen's Road and Hennessy Road.",
        ["Canal Road"],
        ["Queen's Road", "Hennessy Road"],
    ),
    ("Alternative route: Gloucester Road.", [], ["Gloucester Road"]),
    (
        "Motorists may use Nathan Road, Canton Road or Shanghai Street.",
        [],
        ["Nathan Road", "Canton Road", "Shanghai Street"],
    ),
    ("Motorists may use Canton Road, while Nathan Road is closed.", ["Nathan Road"], ["Canton Road"]),
    ("Traffic via Salisbury Road will be suspended.", ["Salisbury Road"], []),
    (
        "Tai Po Road will serve as a temporary detour while Castle Peak Road is closed.",
        ["Castle Peak Road"],
        ["Tai Po Road"],
    ),
    ("Buses will be rerouted via Chatham Road South.", [], ["Chatham Road South"]),
    # a direction or a sentence's first word is no part of a street's name
    ("Eastbound Harcourt Road will be closed from 10pm.", ["Harcourt Road"], []),
    ("The Southbound Lung Cheung Road will be closed.", ["Lung Cheung Road"], []),
    # Singapore: a numbered street, street types English names last
    (
        "Seroja Kio Avenue 3 will be closed; please use Lorong 4 Pelita Payoh as a detour.",
        ["Seroja Kio Avenue 3"],
        ["Lorong 4 Pelita Payoh"],
    ),
    (
        "Tanjong Merbah Crescent will be closed. Motorists may use Kenari Hill Drive.",
        ["Tanjong Merbah Crescent"],
        ["Kenari Hill Drive"],
    ),
    ("Delima Boulevard will be closed from 10pm.", ["Delima Boulevard"], []),
    # Malaysia: the street or place type first, its name after (words, numbers, codes, short forms)
    ("Water supply to Taman Sri Kenanga will be interrupted.", ["Taman Sri Kenanga"], []),
    (
        "Jalan Merbah Indah will be closed. Please use Persiaran Delima instead.",
        ["Jalan Merbah Indah"],
        ["Persiaran Delima"],
    ),
    ("Kampung Baru Seroja and Bukit Pelita will be affected.", ["Kampung Baru Seroja", "Bukit Pelita"], []),
    ("Lorong 4 will be closed.", ["Lorong 4"], []),
    ("Traffic will be diverted to Jln. Kenari 3 and Jalan SS 7/12.", [], ["Jln. Kenari 3", "Jalan SS 7/12"]),
    ("Kg. Sungai Merak will be closed.", ["Kg. Sungai Merak"], []),
    (
        "Traffic from Jalan Sungai Pelita will be diverted via Jalan 1/3A.",
        ["Jalan Sungai Pelita"],
        ["Jalan 1/3A"],
    ),
    # a date, a clock time or a sentence's next word is no part of a name
    ("Closure of Jalan Merbah On Sunday 3 May.", ["Jalan Merbah"], []),
    ("Pelangi Street 3 May: closed.", ["Pelangi Street"], []),
    ("Seroja Avenue 9am onwards closed.", ["Seroja Avenue"], []),
]


@pytest.mark.parametrize(("text", "places", "detours"), ROLES, ids=[r[0][:24] for r in ROLES])
def test_roles_by_the_words_around_a_place(text: str, places: list[str], detours: list[str]) -> None:
    roles = read_roles("", text, [])
    assert (roles.places, roles.detours) == (places, detours)


def test_a_title_that_names_the_closure_keeps_it_affected() -> None:
    roles = read_roles("关于胜利路临时封闭的通告", "胜利路封闭期间，请绕行新华路。新华路沿线单位请配合。", [])
    assert roles.places == ["胜利路"]
    assert roles.detours == ["新华路"]


def test_parse_json_lists_detours_apart() -> None:
    page = (
        "临时封路通告\n"
        "因雨污管网改造，2024年7月1日至7月20日封闭永安路（东环路至西环路段），"
        "过往车辆请绕行福安路、平安路。\n"
        "某某县交通运输局\n2024年6月25日\n"
    )
    notice = parse_page(page, published=None, tz=TZ).notices[0]
    data = notice.to_json()
    assert data["places"] == ["永安路", "东环路至西环路段"]
    assert data["detours"] == ["福安路", "平安路"]
    assert data["periods"][0]["places"] == []  # one period: the notice's places apply


# --- each period its own places ------------------------------------------------------------------


def _periods(page: str) -> list[tuple[str, list[str]]]:
    notices = parse_page(page, published=None, tz=TZ).notices
    assert len(notices) == 1, [n.title for n in notices]
    out = []
    for p in notices[0].periods:
        start = p.start.date() if isinstance(p.start, datetime) else p.start
        assert isinstance(start, date)
        out.append((f"{start.month}-{start.day}", list(p.places)))
    return out


def test_an_outage_names_each_day_its_villages() -> None:
    page = (
        "停电通知\n"
        "因线路检修，我公司将对以下区域停止供电：\n"
        "2023年6月3日8:00至17:00，停电范围：东风村、红旗村。\n"
        "2023年6月6日8:00至17:00，停电范围：新华村。\n"
        "请用户提前做好准备。\n"
        "某某县供电公司\n2023年5月30日\n"
    )
    assert _periods(page) == [("6-3", ["东风村", "红旗村"]), ("6-6", ["新华村"])]


def test_a_place_heading_its_dates_belongs_to_them() -> None:
    page = (
        "停電通知\n"
        "因線路檢修，定於下列時間停電：\n"
        "東風村：2023年6月3日8:00-17:00\n"
        "紅旗村、新華村：2023年6月6日8:00-17:00\n"
        "某某縣供電公司\n2023年5月30日\n"
    )
    assert _periods(page) == [("6-3", ["東風村"]), ("6-6", ["紅旗村", "新華村"])]


def test_places_written_before_their_dates_in_a_sentence() -> None:
    page = (
        "停电公告\n"
        "因电网改造，东风村2023年6月3日8时至17时停电，红旗村2023年6月6日8时至17时停电。\n"
        "某某供电所\n2023年5月30日\n"
    )
    assert _periods(page) == [("6-3", ["东风村"]), ("6-6", ["红旗村"])]


def test_a_flattened_table_gives_each_date_the_roads_below_it() -> None:
    page = (
        "道路施工封闭公告\n"
        "封闭时间及路段如下：\n"
        "2024年5月6日9:00-17:00\n人民路\n解放路\n"
        "2024年5月8日9:00-17:00\n建设路\n"
        "特此公告\n某某市公安局交通警察支队\n2024年4月30日\n"
    )
    assert _periods(page) == [("5-6", ["人民路", "解放路"]), ("5-8", ["建设路"])]


def test_table_cells_one_per_line() -> None:
    """Date line, time line, road lines, next date line: the roads go with the dates above them."""
    body = "日期\n时间\n封闭路段\n5月6日\n9:00-17:00\n人民路\n解放路\n5月8日\n9:00-17:00\n建设路"
    first, second = body.index("5月6日"), body.index("5月8日")
    periods = [
        Period(date(2024, 5, 6), date(2024, 5, 6), span=(first, first + 15)),
        Period(date(2024, 5, 8), date(2024, 5, 8), span=(second, second + 15)),
    ]
    roles = read_roles("道路施工封闭公告", body, periods)
    assert roles.places == ["人民路", "解放路", "建设路"]
    assert [p.places for p in roles.periods] == [("人民路", "解放路"), ("建设路",)]


def test_dates_listed_together_share_the_places_after_them() -> None:
    page = (
        "停水通知\n"
        "2023年6月3日8:00-12:00、2023年6月4日8:00-12:00停水，范围：东风村。\n"
        "2023年6月6日8:00-12:00停水，范围：红旗村。\n"
        "某某水务公司\n2023年5月30日\n"
    )
    # the same hours on two days in a row are one span with its daily window (conventions, rule 7)
    assert _periods(page) == [("6-3", ["东风村"]), ("6-6", ["红旗村"])]


def test_periods_over_the_same_places_keep_the_notices() -> None:
    page = (
        "封路通告\n"
        "兴隆街封闭施工。第一阶段：2024年5月6日至5月10日；第二阶段：2024年5月20日至5月25日。\n"
        "某某县交通运输局\n2024年4月30日\n"
    )
    assert _periods(page) == [("5-6", []), ("5-20", [])]


def test_detours_are_no_periods_places() -> None:
    period = Period(date(2024, 5, 6), date(2024, 5, 6), span=(0, 5))
    second = Period(date(2024, 5, 8), date(2024, 5, 8), span=(20, 25))
    body = "5月6日：人民路封闭，请绕行建设路。5月8日：解放路封闭。"
    roles = read_roles("", body, [period, second])
    assert roles.detours == ["建设路"]
    assert [p.places for p in roles.periods] == [("人民路",), ("解放路",)]


def _village_table(count: int) -> tuple[str, list[Period], list[str]]:
    alphabet = "红黄蓝青紫金银松柏桃李杏梅竹兰"
    names = [a + b + c + "村" for a in alphabet for b in alphabet for c in alphabet][:count]
    lines, periods, at = [], [], 0
    for name in names:
        line = f"{name}：6月3日8:00-17:00"
        start = at + len(name) + 1
        periods.append(Period(date(2023, 6, 3), date(2023, 6, 3), span=(start, start + 15)))
        lines.append(line)
        at += len(line) + 1
    return "\n".join(lines), periods, names


def test_many_periods_each_keep_their_village_in_linear_time() -> None:
    timings = []
    for count in (500, 4000):
        body, periods, names = _village_table(count)
        runs = []
        for _ in range(3):  # the quickest of three: a busy machine slows a run, never speeds one up
            began = time.perf_counter()
            roles = read_roles("停电通知", body, periods)
            runs.append(time.perf_counter() - began)
        timings.append(min(runs))
        assert [p.places for p in roles.periods] == [(name,) for name in names]
    # eight times the text: about eight times the time when linear, sixty-four when quadratic
    assert timings[1] < 24 * timings[0], timings
