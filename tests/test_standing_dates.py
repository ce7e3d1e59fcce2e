"""Dates a notice states for the record, not periods a subscriber acts in: the day ages are counted
to, who may apply by birth, when rules or a contract take hold, the notice's own posting, the day
the work is done inside the outage it causes.

Every text here is written for these tests in the styles real notices use.
"""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import at, periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the day ages and years of work are counted to bounds who may apply
        (
            "某某街道2023年公开招聘网格员公告\n一、报考条件\n1.年龄18周岁以上、35周岁以下，年龄计算截至2023年6月30日。\n"
            "2.具有1年以上工作经历，工作经历计算至2023年5月31日。\n二、报名时间：2023年5月15日9:00至5月19日17:00。",
            [(at(5, 15, 9), at(5, 19, 17))],
        ),
        (
            "某某区卫生系统招聘公告\n（一）年龄条件计算截止日期为2023年5月19日，35周岁以下指1987年5月19日及以后出生。\n"
            "（二）工作经历的截止日期为2023年5月19日。\n（三）报名时间：2023年5月12日至5月19日17时。",
            [(at(5, 12), at(5, 19, 17))],
        ),
        # a deadline applicants verify their degrees by is theirs to act on
        (
            "某某区教师招聘公告\n一、学历学位证书验证截止时间为2023年5月25日。\n二、年龄计算截至2023年5月20日。\n"
            "三、报名时间：2023年5月15日至5月20日。",
            [(None, date(2023, 5, 25)), (date(2023, 5, 15), date(2023, 5, 20))],
        ),
        (
            "某某鄉公所臨時人員甄選簡章\n一、年齡以報名截止日（112年5月22日）為計算基準。\n"
            "二、報名日期：112年5月15日至5月22日。",
            [(date(2023, 5, 15), date(2023, 5, 22))],
        ),
        (
            "Youth Ambassador Programme\nApplicants must be born on or after 1 January 2003; age is counted "
            "as at 31 December 2023. Applications close at 5pm on 26 May 2023.",
            [(None, at(5, 26, 17))],
        ),
        (
            "Trainee scheme\nCandidates must be aged 18 to 30 as at 1 July 2023 and have graduated by "
            "30 June 2023. Submit the form by 31 May 2023.",
            [(None, date(2023, 5, 31))],
        ),
        (
            "招募青年義工\n申請人須年滿18歲或以上（以2023年6月30日計），報名截止日期為2023年5月22日。",
            [(None, date(2023, 5, 22))],
        ),
        (
            "Recruitment of Youth Corps members\nApplicants must turn 18 by 31 December 2023 and live here. "
            "Applications close at 5pm on 22 May 2023.",
            [(None, at(5, 22, 17))],
        ),
        # a contract's or lease's start is a term of the contract
        (
            "某某中学食堂承包经营招标公告\n一、承包期三年，合同自2023年7月1日起执行。\n"
            "二、投标截止时间：2023年5月22日9时30分。",
            [(None, at(5, 22, 9, 30))],
        ),
        (
            "门面房招租公告\n租期三年，自2023年6月1日起计租。报名截止时间：2023年5月19日17时。",
            [(None, at(5, 19, 17))],
        ),
        (
            "Tenancy of market stall\nThe tenancy commences on 1 July 2023 for a term of two years. "
            "Tenders must be deposited before 12 noon on 24 May 2023.",
            [(None, at(5, 24, 12))],
        ),
        (
            "某某大廈地舖招租\n租賃期由2023年7月1日起至2026年6月30日止。\n有意者請於2023年5月22日下午5時前遞交標書。",
            [(None, at(5, 22, 17))],
        ),
        (
            "Shop tender\nThe lease term is from 1 July 2023 to 30 June 2026. Closing date for tenders: "
            "22 May 2023 at noon.",
            [(None, at(5, 22, 12))],
        ),
        # what a tender asks of the winner (工期, 交货期) is the contract's time; a works notice's
        # 工期 over its closure is the closure
        (
            "某某镇道路改造工程招标公告\n一、计划工期：2023年6月1日至2023年8月31日。\n二、供货期限为2023年6月30日前。\n"
            "三、投标截止时间：2023年5月23日9时30分。",
            [(None, at(5, 23, 9, 30))],
        ),
        (
            "人民路改造施工通告\n人民路改造工程经公开招标由某公司承建，工期：2023年6月1日至8月31日，"
            "施工期间人民路封闭交通，请绕行。",
            [(date(2023, 6, 1), date(2023, 8, 31))],
        ),
        (
            "REQUEST FOR TENDERS\nTender: Grazing lease of lots at Hill Farm\nRelease Date: 10 May 2023\n"
            "Closing Time: 2.00 p.m. on 2 June 2023",
            [(None, at(6, 2, 14))],
        ),
        # rules' effective day is a document's date; the notice's own is its plan only when alone
        (
            "关于印发《某某市城区停车管理办法》的通知\n现将办法印发给你们，请认真贯彻执行。\n"
            "第二十条 本办法自2023年6月1日起施行，有效期至2028年5月31日。\n某某市人民政府\n2023年5月10日",
            [],
        ),
        (
            "某某縣政府公告\n主旨：修正「某某縣公有停車場管理自治條例」，自112年6月1日施行。\n依據：地方制度法。",
            [],
        ),
        (
            "道路封闭施工通告\n因施工需要，定于2023年5月15日至5月20日对人民路实行全封闭。\n本通告自2023年5月15日起施行。\n"
            "某某市公安局交通警察大队\n2023年5月10日",
            [(date(2023, 5, 15), date(2023, 5, 20))],
        ),
        (
            "关于城区禁止燃放烟花爆竹的通告\n城区范围内全年禁止燃放烟花爆竹。\n本通告自2023年6月1日起施行。\n"
            "某某市人民政府\n2023年5月10日",
            [(date(2023, 6, 1), None)],
        ),
        (
            "关于城区禁止燃放烟花爆竹的通告\n城区范围内禁止燃放烟花爆竹。春节期间（2024年2月9日至2月17日）可在指定地点燃放。\n"
            "本通告自2023年6月1日起施行。\n某某市人民政府\n2023年5月10日",
            [(date(2024, 2, 9), date(2024, 2, 17)), (date(2023, 6, 1), None)],
        ),
        (
            "Temporary closure of Mill Lane\nMill Lane will be closed to all vehicles from 20 May 2023 to "
            "2 June 2023 for drainage works. This Order takes effect on 20 May 2023.",
            [(date(2023, 5, 20), date(2023, 6, 2))],
        ),
        # the notice's own posting, told in its body
        (
            "某某镇卫生院保洁服务采购公告\n一、响应文件提交截止时间：2023年5月22日10时。\n"
            "二、本公告于2023年5月10日在某某县政府网站发布。",
            [(None, at(5, 22, 10))],
        ),
        (
            "Tender notice\nTenders close at 4pm on 25 May 2023. This notice was posted on 10 May 2023.",
            [(None, at(5, 25, 16))],
        ),
        (
            "某某社区卫生服务站采购公告\n一、响应文件提交截止时间：2023年5月22日9时30分。\n"
            "二、公告期：2023年5月10日至2023年5月17日。\n三、本公告同时在某某网站发布，发布日期为2023年5月10日。",
            [(None, at(5, 22, 9, 30))],
        ),
        # a later notice the public waits for is no posting of this one
        (
            "某某街道招聘公告\n一、报名时间：2023年5月15日至5月19日。\n"
            "二、本次招聘面试成绩公示将于2023年6月12日在街道网站发布。\n三、本公告于2023年5月10日在街道网站发布。",
            [(date(2023, 5, 15), date(2023, 5, 19)), (date(2023, 6, 12), date(2023, 6, 12))],
        ),
        # a window the public acts in while the notice hangs stays, as a disclosure's does
        (
            "门面房招租公告\n一、公告期：2023年5月11日至2023年5月18日，意向承租人请于公告期内报名。",
            [(date(2023, 5, 11), date(2023, 5, 18))],
        ),
        # a disclosure's own posting window is where the public objects: it stays
        (
            "拟聘人员公示\n本公示于2023年5月11日至5月17日在本单位网站发布，如有异议请于公示期内反映。",
            [(date(2023, 5, 11), date(2023, 5, 17))],
        ),
        # the day the work is done, said again inside the outage it causes
        (
            "停电通知\n因10千伏北山线检修，定于2023年5月14日8:00至18:00对北山村、南山村停电。\n"
            "5月14日当天将进行线路改造及设备更换，请用户做好准备。\n某某供电所\n2023年5月10日",
            [(at(5, 14, 8), at(5, 14, 18))],
        ),
        (
            "Water supply interruption\nWater supply to Hill Road will be suspended from 10 am to 6 pm on "
            "14 May 2023 for mains replacement. The works will be carried out on 14 May.",
            [(at(5, 14, 10), at(5, 14, 18))],
        ),
        # a works day moved to another, the work said in the clause before the move
        (
            "道路施工交通管制通告\n原定于5月12日进行的人民路路面施工，因天气原因改至5月14日，届时将实行全封闭。\n"
            "管制时间：5月14日8时至20时。",
            [(at(5, 14, 8), at(5, 14, 20))],
        ),
        (
            "关于人民路实施交通管制的通告 原定于5月12日进行的人民路路面施工，因天气原因改至5月14日，"
            "届时将实行全封闭。 管制时间：5月14日8时至20时。",
            [(at(5, 14, 8), at(5, 14, 20))],
        ),
        # an event moved to another day stays beside its control hours
        (
            "龙舟赛交通管制通告\n原定于5月12日举行的龙舟赛，因天气原因改至5月14日。\n交通管制时间：5月14日7时至12时。",
            [(date(2023, 5, 14), date(2023, 5, 14)), (at(5, 14, 7), at(5, 14, 12))],
        ),
        # an event's day stays beside its control hours, whatever work the sentence names elsewhere
        (
            "龙舟赛交通管制通告\n龙舟赛于5月14日在江滨公园举行，请市民配合交警疏导作业。\n交通管制时间：5月14日7时至12时。",
            [(date(2023, 5, 14), date(2023, 5, 14)), (at(5, 14, 7), at(5, 14, 12))],
        ),
        # a day whose own sentence closes something is a measure of its own, works or not
        (
            "Water supply interruption\nWater supply to Hill Road will be suspended from 10 am to 6 pm on "
            "14 May 2023 for mains replacement. Hill Lane will be closed to traffic on 14 May for the works.",
            [(at(5, 14, 10), at(5, 14, 18)), (date(2023, 5, 14), date(2023, 5, 14))],
        ),
        # an order's date and its coming into force, beside the closure it makes
        (
            "Temporary Prohibition of Traffic\nDate of Order: 8 May 2023\nComing into force: 15 May 2023\n"
            "The effect of the Order is to prohibit any vehicle from proceeding in Kiln Row from 15 May 2023 "
            "to 26 May 2023.\nDated 8 May 2023",
            [(date(2023, 5, 15), date(2023, 5, 26))],
        ),
        # a bare 时间 field over the hours of that day says the same outage; an event's day beside
        # the control hours on it is the event
        (
            "停水通知\n时间：5月14日\n因管网改造，5月14日9时至21时城东片区停水，请居民提前储水。",
            [(at(5, 14, 9), at(5, 14, 21))],
        ),
        (
            "马拉松赛交通管制通告\n比赛时间：5月14日\n交通管制时间：5月14日6时至12时，管制路段禁止车辆通行。",
            [(date(2023, 5, 14), date(2023, 5, 14)), (at(5, 14, 6), at(5, 14, 12))],
        ),
        # a subtitle's day, or a bare Date: field, over the hours the body gives that day
        (
            "停电通知\n5月14日（星期日）\n因线路检修，5月14日8时至17时东山村停电。",
            [(at(5, 14, 8), at(5, 14, 17))],
        ),
        (
            "Water Supply Interruption\nDate: 14 May 2023 (Sunday)\nWater supply to Kent Road will be "
            "suspended from 10am to 6pm on 14 May 2023 for mains repair.",
            [(at(5, 14, 10), at(5, 14, 18))],
        ),
        # 报名日期 is the plan's own field, not the page's date
        (
            "代课教师甄选公告\n报名日期：2023年5月15日至5月19日。",
            [(date(2023, 5, 15), date(2023, 5, 19))],
        ),
    ],
)
def test_dates_for_the_record_are_no_periods(text: str, expected: list[tuple[object, object]]) -> None:
    assert periods(text) == expected


def test_what_kind_of_day_a_date_is_is_no_period() -> None:
    text = (
        "健康义诊活动\n2023年5月20日是第八个中国健康节，今年的主题是“健康同行”。某某新闻记者从市卫健委获悉，"
        "大型义诊活动将于5月18日上午在人民广场举行。\n"
    )
    assert periods(text, published=date(2023, 5, 15)) == [(date(2023, 5, 18), date(2023, 5, 18))]
