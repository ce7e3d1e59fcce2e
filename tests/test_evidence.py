"""Which dated expressions are periods: the evidence around each candidate decides.

Every text here is written for these tests in the styles real notices use; each case names the
periods a subscriber must be told of, and nothing else.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notices.parse import parse_page
from tests.periods_support import PUB, TZ, at, periods


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # page metadata and time stamps
        (
            "和平路停电通知\n发布时间：2023-05-10 16:33  浏览量：125\n因线路检修，定于5月12日8时至17时停电。",
            [(at(5, 12, 8), at(5, 12, 17))],
        ),
        (
            "人民路临时封闭\n2023-05-10 09:41:07 来源：交通局\n人民路将于5月13日至15日封闭施工，请绕行。",
            [(date(2023, 5, 13), date(2023, 5, 15))],
        ),
        # a document site's own upload and archive stamps, label letters spaced as its tables print them
        (
            "南门路施工封闭\n上 载 日 期 2023-05-10\n南门路将于5月15日至18日封闭施工，请绕行。",
            [(date(2023, 5, 15), date(2023, 5, 18))],
        ),
        (
            "归档时间:2023-05-10\n北湖村5月16日8时至17时停电检修。",
            [(at(5, 16, 8), at(5, 16, 17))],
        ),
        # an English page's posting stamp on a line of its own: byline, weekday, clock time, zone
        (
            "Water cut in Riverside\nJane Lim | May 10, 2023, 3:41 PM\nRiverside homes will have no water "
            "from 9am to 5pm on May 12 while a main is replaced.",
            [(at(5, 12, 9), at(5, 12, 17))],
        ),
        (
            "Riverside: lane closures\n10 May 2023 | 08:17 AM UTC\nA lane of Quay Road will be closed "
            "from 10pm on May 13 to 5am on May 14.",
            [(at(5, 13, 22), at(5, 14, 5))],
        ),
        (
            "Power works in Hillview\n  • Wednesday, 10 May 2023\nHILLVIEW: Hillview estate will have no "
            "power on May 15 from 8am to 6pm.",
            [(at(5, 15, 8), at(5, 15, 18))],
        ),
        (
            "Skip to main content\n10 May 2023 | 08:17 AM UTC\nQuay Road works: one lane closed on May 16 "
            "from 9am to 4pm.",
            [(at(5, 16, 9), at(5, 16, 16))],
        ),
        (
            'Mains burst in Eastwood\nCrews said "a valve failed".\nTom Ng | May 10, 2023, 11:02 AM\n'
            "Eastwood will have no water from 10pm on May 11 to 6am on May 12.",
            [(at(5, 11, 22), at(5, 12, 6))],
        ),
        # but a day that a broken sentence carries onto its own line is the plan
        (
            "Notice of road closure\nGrove Lane will be closed on\nWednesday, 10 May 2023\nfor resurfacing.",
            [(date(2023, 5, 10), date(2023, 5, 10))],
        ),
        # a count of views beside a page's date: the page's metadata line, no plan
        (
            "东湖路夜间封路\n2023年05月10日  ·  4817次阅读\n东湖路将于5月14日至16日封闭施工，请绕行。",
            [(date(2023, 5, 14), date(2023, 5, 16))],
        ),
        (
            "西关街停水\n2023-05-10  阅读：96\n西关街一带5月13日8时至16时暂停供水。",
            [(at(5, 13, 8), at(5, 13, 16))],
        ),
        # the day a notice was given out: a reporting moment, not a plan
        (
            "燃气公司今日向北苑小区住户发出停气通知，5月15日9时至15时暂停供气。",
            [(at(5, 15, 9), at(5, 15, 15))],
        ),
        (
            "Shopkeepers on Canal Lane were today served written notice that the lane will be closed "
            "from May 16 to May 18 for resurfacing.",
            [(date(2023, 5, 16), date(2023, 5, 18))],
        ),
        # works hours that open a longer disruption: the disruption is the period
        (
            "Riverside water notice\nThe main replacement works will be carried out on May 20 from 8am till "
            "5pm. The works will cause a water supply disruption in Riverside beginning 8am, May 20.\n"
            "Water supply is expected to be fully restored at 6am on May 22.",
            [(at(5, 20, 8), at(5, 22, 6))],
        ),
        # the supply coming back in stages at a disruption's end: the disruption ends at the full return
        (
            "Hilltop supply break\nHilltop homes will have no water from May 17 to 19 while the reservoir "
            "is cleaned. Supply comes back in stages from 3pm, May 18, and is expected to fully recover "
            "at 11pm, May 19.",
            [(at(5, 17), at(5, 19, 23))],
        ),
        # a full return told alone on the last day of a cut read as whole days: the cut ends then
        (
            "Lakeside supply notice\nSome 40 streets in Lakeside will have their water cut from May 21 to 23 "
            "for valve works. Supply is expected to be fully restored at 4 pm on May 23, the utility said.",
            [(at(5, 21), at(5, 23, 16))],
        ),
        # a cut said from a day, and supply said to resume from an hour later: the cut ends then
        (
            "Brookfield water cut\nHomes in Brookfield will have no water for three days starting May 16 "
            "while a trunk main is relaid, the water board said today.\n"
            "Supply will gradually resume from 8am on May 19, it added.",
            [(at(5, 16), at(5, 19, 8))],
        ),
        # the hour a cut starts, the hour its works are done, the hour supply is fully back: one window
        (
            "南岗区制水通告\n水务公司将于本月18日上午8时开始面对制水，抢修工作预计19日凌晨2时完工，"
            "食水料在20日傍晚6时全面恢复供应。",
            [(at(5, 18, 8), at(5, 20, 18))],
        ),
        # hours told place by place under the one day the lead names: each is a window on that day
        (
            "多區停水\n自來水公司表示，明（11）日因汰換管線，三個區將分別停水。\n"
            "東區停水時間為上午9時至下午4時，影響和平里。北區自上午10時起停水至下午3時30分。\n"
            "南區分兩階段，第一階段上午8時至中午12時，第二階段下午1時至5時停水。\n"
            "查詢電話服務時間上午9時至下午5時。",
            [
                (at(5, 11, 9), at(5, 11, 16)),
                (at(5, 11, 10), at(5, 11, 15, 30)),
                (at(5, 11, 8), at(5, 11, 12)),
                (at(5, 11, 13), at(5, 11, 17)),
            ],
        ),
        (
            "供水公司宣布自5月12日起於兩鎮實施計畫性停水，各地時間略有差異。\n"
            "西鎮將於上午8時30分至下午2時停水。河口鎮從上午9時停水至傍晚6時。",
            [(at(5, 12, 8, 30), at(5, 12, 14)), (at(5, 12, 9), at(5, 12, 18))],
        ),
        # one window under a cut said from a day on may be its daily hours: the open start stays
        (
            "供水公告\n自5月12日起因幹管工程分區停水。\n停水時間為上午8時至下午6時，請用戶儲水。",
            [(date(2023, 5, 12), None)],
        ),
        (
            "分區停電\n電力公司表示，今（10）日上午9時至下午5時北街一帶停電。\n"
            "東巷停電時間為上午10時至下午4時。南村則自上午8時起停電至中午12時。",
            [(at(5, 10, 9), at(5, 10, 17)), (at(5, 10, 10), at(5, 10, 16)), (at(5, 10, 8), at(5, 10, 12))],
        ),
        # a title closed by the day it was posted, in brackets: the page's own day, no plan
        (
            "春季路面整修实施半幅通行 (2023-05-10)\n公告事项：一、管制时间：112年5月15日9时至17时止。",
            [(at(5, 15, 9), at(5, 15, 17))],
        ),
        # an English page's "last updated" line opening its date: metadata
        (
            "Harbour Street works\nLast updated May 10, 2023\nHarbour Street will be closed from May 15 to "
            "May 17 while the sewer is relined.",
            [(date(2023, 5, 15), date(2023, 5, 17))],
        ),
        # the moment a supply stops, then the moment it is back: one window
        (
            "南岗小区停水通知\n因更换阀门，南岗小区将于2023 年 5 月 13 日 21:00暂停供水，"
            "预计2023 年 5 月 14 日 5:00恢复供水。",
            [(at(5, 13, 21), at(5, 14, 5))],
        ),
        # a dateline and the day a reporter learned something
        (
            "本报讯（记者 王丽）5月10日，记者从市自来水公司获悉，5月12日9时至18时新华街停水。",
            [(at(5, 12, 9), at(5, 12, 18))],
        ),
        # the hour a press release went out, told as the release's own news
        (
            "供水公司今天（10日）下午4时20分发布新闻稿表示，因更换水表，后天（12日）0时起至清晨5时止，"
            "城南区南湖街一带暂停供水，请住户提前储水。",
            [(at(5, 12, 0), at(5, 12, 5))],
        ),
        # an English label naming a closing, then the day: a deadline; a ceremony's day is no closing
        (
            "Clerical Assistant vacancy\nCompleted application forms should reach this office by post.\n"
            "Closing date for applications: 26 May 2023 (Friday)\n",
            [(None, date(2023, 5, 26))],
        ),
        (
            "Pier Road reopening\nThe road closing ceremony will be held on 20 May 2023 at the pier.\n",
            [(date(2023, 5, 20), date(2023, 5, 20))],
        ),
        # a bid opening put at the closing time is a moment of its own at that minute
        (
            "南湖公园绿化养护项目招标公告\n投标文件递交的截止时间为2023年6月1日上午9时30分。\n"
            "开标时间同投标截止时间，开标地点为区公共资源交易中心。\n",
            [(None, at(6, 1, 9, 30)), (at(6, 1, 9, 30), at(6, 1, 9, 30))],
        ),
        # a span that only sums up the closures told after it, one of them on its very days
        (
            "Road closures for the trade fair\nDrivers near the exhibition centre should expect delays from"
            " 14 May to 19 May 2023. Bay Road will be closed from 10pm on 14 May to 5am on 19 May."
            " Pier Lane will be closed from 11pm on 15 May to 11.59pm on 19 May.\n",
            [(at(5, 14, 22), at(5, 19, 5)), (at(5, 15, 23), at(5, 19, 23, 59))],
        ),
        # an English cut from a moment until an hour, under the days it spans; the day it was said on
        (
            "Water cut in Bukit Indah\nSome 3,000 consumers will have their supply cut from tomorrow until"
            " Friday. The disruption will begin at 10 pm tomorrow and is expected to last until 6 am on"
            " Friday, the company said in a statement today.\n",
            [(at(5, 11, 22), at(5, 12, 6))],
        ),
        (
            "Valve works in Permatang\nSupply will be disrupted between May 13 and May 14, the utility said"
            " today. Consumers should store water for eight hours, from 10 pm on Saturday (May 13) to 6 am on"
            " Sunday (May 14).\n",
            [(at(5, 13, 22), at(5, 14, 6))],
        ),
        # a date the notice replaces, and what is already done
        (
            "招聘会延期通知\n原定于5月12日举办的招聘会延期至5月20日举办，地点不变。\n某某人才中心\n2023年5月10日",
            [(date(2023, 5, 20), date(2023, 5, 20))],
        ),
        (
            "中华路施工通告\n管线单位已于5月8日完成迁移，本府订于5月15日至5月18日办理路面刨铺，请用路人配合。",
            [(date(2023, 5, 15), date(2023, 5, 18))],
        ),
        # lookbacks, contract terms and who may apply are no periods
        (
            "清理小广告行动\n5月5日以来已查处案件11起。5月15日至20日将开展集中清理，请沿街商户配合。",
            [(date(2023, 5, 15), date(2023, 5, 20))],
        ),
        (
            "物业清洁服务招标\n投标截止时间：2023年5月25日17时。合约期：暂定由2023年7月1日至2026年6月30日。",
            [(None, at(5, 25, 17))],
        ),
        (
            "代理教師甄選公告\n一、聘期：112/08/30-113/06/30。\n二、報名時間：112年5月15日至5月19日。",
            [(date(2023, 5, 15), date(2023, 5, 19))],
        ),
        (
            "商铺公开招租公告\n租赁期：2023年7月1日起至2026年6月30日止。报名截止时间：2023年5月26日17时。",
            [(None, at(5, 26, 17))],
        ),
        (
            "应征报名通知\n凡2005年6月30日前出生的青年均可报名，报名时间为5月15日至6月30日。",
            [(date(2023, 5, 15), date(2023, 6, 30))],
        ),
        # a summary span over the itemised periods, and a day restated with more
        (
            "停电公告\n5月12日至14日将分区停电：\n1、5月12日8:00-12:00东坝镇；\n2、5月13日至14日每天8:00-17:00河坝镇。",
            [(at(5, 12, 8), at(5, 12, 12)), (date(2023, 5, 13), date(2023, 5, 14))],
        ),
        (
            "报名通知\n报名截止5月20日。报名时间：5月11日至5月20日，逾期不予受理。",
            [(date(2023, 5, 11), date(2023, 5, 20))],
        ),
        # an English report of what was done today, and a deadline day restated beside its hour
        (
            "Library consultation\nA spokesman said the library had collected 3,400 comment cards today. "
            "Comments close at midnight tonight; cards posted on or before May 10 will be counted.",
            [(None, at(5, 11))],
        ),
        # a time a closing was extended to is a deadline, whatever table header names it
        (
            "Tender Notice\nReference Subject Closing Time / Date\nContract No. XY/2023/4 Footbridge works "
            "noon on Friday, 26 May 2023\n(Extended from 5:00 pm on 19 May 2023)",
            [(None, at(5, 26, 12))],
        ),
        # a tender's closing restated as the end of its tender period
        (
            "购买路灯公开招标\n截标时间为5月30日下午5时正，有意投标者自5月12日起可购买招标文件。"
            "投标时间由5月12日至5月30日下午5时正。",
            [(at(5, 12), at(5, 30, 17))],
        ),
        # how long a recruitment notice hangs is no plan; in a disclosure the public acts while it hangs
        (
            "代课教师甄选简章\n一、公告时间：2023年5月10日至2023年5月20日。\n"
            "二、报名截止时间：2023年5月16日下午4时。",
            [(None, at(5, 16, 16))],
        ),
        (
            "拟录用人员名单公示\n公告时间：2023年5月11日至5月17日。如有异议，请在公告期内反映。",
            [(date(2023, 5, 11), date(2023, 5, 17))],
        ),
        # a day something is launched on starts what goes on after it
        (
            "网上办理服务上线通知\n不动产登记网上申请将于5月20日推出，市民可随时在网上提交申请。",
            [(date(2023, 5, 20), None)],
        ),
        # a weather forecast given as the reason is no period
        (
            "关于提前供热的通知\n各供热企业：\n依据气象部门预报，本月18日起全市将有一次大幅度降温过程。"
            "现下达提前供热指令：5月20日0时起全部开栓供热。\n市住建局\n2023年5月10日",
            [(at(5, 20), None)],
        ),
        # a reopening closes the closure, an extension replaces the old end
        (
            "游泳馆暂停开放\n市游泳馆将于5月15日起暂停开放，并于5月22日重开。",
            [(date(2023, 5, 15), date(2023, 5, 21))],
        ),
        (
            "供热延期告知\n按规定本季供热应于3月15日零时结束，因气温偏低，供热延长至3月21日零时。\n某热电公司\n2023年3月14日",
            [(None, at(3, 21))],
        ),
        # the hour a closure begins opens it; other places' hours in the sentence share its day
        (
            "烟花汇演交通安排\n5月12日晚上，滨江路傍晚六时封路；解放路在傍晚六时半封路。",
            [(at(5, 12, 18), None), (at(5, 12, 18, 30), None)],
        ),
        # an update stamp in brackets is the page's, not a plan
        (
            "【5/10 21:55更新：已恢復供電】\n台電表示，5月10日22時至5月11日6時分區停電。",
            [(at(5, 10, 22), at(5, 11, 6))],
        ),
        # a place open until an hour closes then; applications open until an hour are due then
        (
            "Holiday opening hours\nThe central library will be open until 5pm on 24 May 2023.",
            [(at(5, 24, 17), at(5, 24, 17))],
        ),
        (
            "Youth scheme\nApplications are open until 5pm on 24 May 2023.",
            [(None, at(5, 24, 17))],
        ),
        # the page's own day of posting is no plan
        (
            "体能测试结果公告\n测试总结果将于2023年5月10日张贴于本局大堂告示板。复核申请截止时间：5月20日17时。",
            [(None, at(5, 20, 17))],
        ),
        # a date inside a condition is no plan; what follows from the condition still is
        (
            "Tender for cleaning services\nTenders close at 4:00 pm on Friday, 26 May 2023.\n"
            "Late tenders will not be accepted.\nShould typhoon signal No. 8 be hoisted "
            "from 1 pm to 4 pm on 26 May 2023, the closing moves a working day on.",
            [(None, at(5, 26, 16))],
        ),
        (
            "五一游园活动通知\n活动定于5月20日在人民公园举行。如遇雨天，活动顺延至5月21日举行。",
            [(date(2023, 5, 20), date(2023, 5, 20)), (date(2023, 5, 21), date(2023, 5, 21))],
        ),
        # a day named by a word (后天, today, 周六) restated by that day's hours is those hours
        (
            "部分道路后天关闭\n配合后天在滨江广场举行的庆典彩排，警方将关闭附近道路。"
            "道路关闭的时段为后天早上7时30分至晚上10时30分。",
            [(at(5, 12, 7, 30), at(5, 12, 22, 30))],
        ),
        (
            "Water supply interruption\nThe Water Board said in a notice today that supply to Pine Road "
            "will be interrupted from 10pm tonight until tomorrow at 6am.",
            [(at(5, 10, 22), at(5, 11, 6))],
        ),
        (
            "停水通知\n鹿鸣苑一带周六晚上10时至周日早上8时暂停供水，请住户提前储水。",
            [(at(5, 13, 22), at(5, 14, 8))],
        ),
        # a restoration expected on a day without its hour ends the outage on that day
        (
            "东湖一带食水供应受影响\n东湖一带的食水供应将于今日(五月十日)晚上十时起暂停。"
            "工程团队正全力抢修，预计于明日(五月十一日)早上陆续恢复供水。",
            [(at(5, 10, 22), at(5, 12))],
        ),
        # a news page's posting time in brackets after its date is no plan
        (
            "中秋节特别交通安排 |2023-05-10 (19:24) |运输署提醒市民，5月12日至14日每日下午六时至晚上十一时，"
            "大坑一带道路将实施封路。",
            [(date(2023, 5, 12), date(2023, 5, 14))],
        ),
        # an hour something starts from, said again with its end, is one period
        (
            "应急供气公告\n输气管线迁改，将于5月12日22:00起进行为期36小时的停气作业。\n"
            "一、应急供气实施时间：2023年5月12日22:00至2023年5月14日10:00。",
            [(at(5, 12, 22), at(5, 14, 10))],
        ),
        # the day a reminder was given or a notice issued is no plan; a restoration after an hour ends it
        (
            "Special traffic arrangements\nThe Transport Department today (May 10) reminded the public "
            "that Elm Road will be closed from 7am to noon on May 13.",
            [(at(5, 13, 7), at(5, 13, 12))],
        ),
        (
            "城西停电\n5月10日，市供电公司发布停电通知称，5月12日8时至12时城西一带停电。",
            [(at(5, 12, 8), at(5, 12, 12))],
        ),
        (
            "城东变电站检修\n从今晚10点起城东变电站将停电检修，整个停电时间约46小时，估计12日晚上8点后全面恢复供电。",
            [(at(5, 10, 22), at(5, 12, 20))],
        ),
        # a report's schedule: each day on a line of its own, its hours and places on the next
        (
            "注意！城西这些地方将停电检修\n\n  城西新闻网讯 因线路改造需要，供电公司计划对下列线路进行停电，"
            "请停电范围内市民做好准备。\n\n  计划检修时间和区域\n\n  2023.5.12\n\n"
            "  08:00—12:00青石村部分区域、白杨农业合作社(专)\n\n  2023.5.13\n\n"
            "  07:30—17:00白沙村部分区域、白沙小学(专)(记者 李华",
            [(at(5, 12, 8), at(5, 12, 12)), (at(5, 13, 7, 30), at(5, 13, 17))],
        ),
        # an end moved later (延至5/31) is the end of what goes on, not a day of its own
        (
            "台9線88K+100邊坡修復工程 交管延至5/31\n\n預計管制到5月底。(養護工程分局提供)\n\n"
            "2023/05/10 16:48\n\n〔記者王明/台東報導〕養護工程分局表示，邊坡修復工程因天候延誤，"
            "管制通行時間需延長至「112年5月31日(星期三)」止。",
            [(None, date(2023, 5, 31))],
        ),
        # a report whose plan was moved (brought forward, 提前至) still announces it
        (
            "Market closed for cleaning\nThe market at Block 5 Pine Lane is shut for three days until "
            'Saturday (May 13). "The cleaning session has been brought forward to May 11 to 13," '
            "the agency said.",
            [(date(2023, 5, 11), date(2023, 5, 13))],
        ),
        # a headline's "起" restated in full by the text under it is that span, not an open period
        (
            "北环路5/15起夜间封闭\n市交通局消息，5月15日至6月20日每晚22时至次日5时北环路封闭施工，请绕行。",
            [(date(2023, 5, 15), date(2023, 6, 20))],
        ),
        # a headline's starting moment, told under it with how long it lasts, is that span
        (
            "城东片区7月12日晚上10点开始停水\n因管网改造，城东片区将于7月12日晚上10点开始停水24小时，请提前储水。",
            [(at(7, 12, 22), at(7, 13, 22))],
        ),
        # a page's field line over a blank line is no part of the paragraph under it
        (
            "人民路交通管制措施调整\n\n发布日期:2023-05-10\n\n发布单位:市交通管制工程处\n\n"
            "因应5月13日(星期六)至5月15日(星期一)假期交通需求，本处将暂停人民路调拨车道管制。",
            [(date(2023, 5, 13), date(2023, 5, 15))],
        ),
        # what the public must do by a time, said in English in the headline
        (
            "河堤停车场车辆 Must Leave by 8am on May 12\n\n"
            "停放于河堤停车场的车辆，请于5月12日上午8时前驶离。",
            [(None, at(5, 12, 8))],
        ),
        # a release's sections, underlined by dashes, are parts of the release, not notices
        # a release's issue stamp run onto its last line, and a wire report's dateline
        # one night's work said by its date and again by its weekday with the hours: the hours
        # two rooms closed from one day, each reopening on its own day: two closures
        # the start and the end of one closure told in two clauses of a sentence
        (
            "The half-lane closure on Mill Road, which begins on May 15, 2023, will last until "
            "May 26, 2023, nightly from 7 PM to 6 AM.",
            [(date(2023, 5, 15), date(2023, 5, 26))],
        ),
        (
            "滨江路改造\n滨江路改造工程于5月13日展开，将于5月30日结束，请市民绕行。",
            [(date(2023, 5, 13), date(2023, 5, 30))],
        ),
        (
            "东湖路改造\n东湖路雨污分流工程于5月16日全面开工，至6月28日结束，施工期间请绕行。",
            [(date(2023, 5, 16), date(2023, 6, 28))],
        ),
        (
            "体育馆设施暂停开放\n北区体育馆活动室及健身室五月十五日起暂停开放,以便进行改善工程。"
            "活动室将于六月十日重新开放,而健身室则于六月二十日重开。",
            [(date(2023, 5, 15), date(2023, 6, 9)), (date(2023, 5, 15), date(2023, 6, 19))],
        ),
        (
            "西区供水并网工程\n水务公司计划于本月12日(周五)将新泵站与西区管网并接。"
            "并网工程将于周五晚上11时至翌日凌晨4时进行，期间西区水压或会波动。",
            [(at(5, 12, 23), at(5, 13, 4))],
        ),
        (
            "江边道今晚起至星期五关闭\n为配合活动，江边道将在今晚10时至星期五下午5时关闭，请驾驶者改道。",
            [(at(5, 10, 22), at(5, 12, 17))],
        ),
        (
            "康体设施暂停开放\n康乐署今日(五月十日)宣布,东区体育馆五月十五日至二十日暂停开放。"
            "市民可致电查询。2023年5月10日(星期三)\n香港时间15时01分",
            [(date(2023, 5, 15), date(2023, 5, 20))],
        ),
        (
            "WESTPORT, May 10 — Some 20 areas will have scheduled water supply disruption from "
            "9.30am to 10pm on May 13, the water company said.",
            [(at(5, 13, 9, 30), at(5, 13, 22))],
        ),
        (
            "Water cut in Eastfield\n\nThe pumps will be replaced. — Picture by Lee Kah Wai\n\n"
            "WESTPORT, May 10 — Supply to 12 areas will be cut from 8am to 6pm on May 14, the company said.",
            [(at(5, 14, 8), at(5, 14, 18))],
        ),
        # an opening said by "starting today" and again as today's window with its end
        (
            "Water cut in Eastfield\n\nSome 30 areas in Eastfield will have no water for up to 18 hours "
            "starting today, the water company said.\n\nThe cut began at 8 am today, and supply will be "
            "fully restored at 2 am tomorrow.",
            [(at(5, 10, 8), at(5, 11, 2))],
        ),
        # days of the month as a span (11日至12日) are dates, not a duration another span shadows
        (
            "道路工程临时交通安排\n有限度通车\n於2023年5月12日上午9時30分至13日下午6時、13日至14日,"
            "每日晚上8時至翌日上午6時\n- 新街。\n封闭交通\n"
            "於2023年5月13日上午9時30分至6月6日下午6時\n- 旧街。",
            [
                (at(5, 12, 9, 30), at(5, 13, 18)),
                (date(2023, 5, 13), date(2023, 5, 14)),
                (at(5, 13, 9, 30), at(6, 6, 18)),
            ],
        ),
        (
            "Special traffic arrangements in Westhill\n*****************\n"
            "The police will put special traffic arrangements in place this Sunday (May 14) for a parade.\n\n"
            "Road closure\n------------\n\n"
            "Phase I (from 3pm on May 13 to 3pm the following day)\n\n- Hill Road car park.\n\n"
            "Phase II (from 3am to 10.30am on May 14)\n\n- Mill Street; and\n- Park Lane.\n\n"
            "Traffic diversions\n------------------\n\n"
            "Traffic along Park Lane cannot turn left to Mill Street.",
            [(at(5, 13, 15), at(5, 14, 15)), (at(5, 14, 3), at(5, 14, 10, 30))],
        ),
        # a span of days, and hours for another district told far on under its own heading: not
        # a summary of those hours
        (
            "Special traffic arrangements for the lantern fair\n"
            "Westhill roads will be closed from May 12 to 14 for the lantern fair.\n"
            "Each evening these lanes are shut:\n"
            + "".join(f"- Lane {n};\n" for n in range(1, 30))
            + "Eastside\n————\nCar-free streets\n"
            "Mill Street is car-free from 4pm to 11.59pm on May 12, and from 4pm on May 13 to 3am "
            "of the following day.",
            [
                (date(2023, 5, 12), date(2023, 5, 14)),
                (at(5, 12, 16), at(5, 12, 23, 59)),
                (at(5, 13, 16), at(5, 14, 3)),
            ],
        ),
        # a start (从…开始) whose end the next clause tells (将延续到) is one span
        (
            "公开招聘考试安排\n本次招聘网上报名时间为5月12日9时至14日17时。资格复核从5月15日开始，"
            "将延续到5月19日，其间可上网查询结果。",
            [(at(5, 12, 9), at(5, 14, 17)), (date(2023, 5, 15), date(2023, 5, 19))],
        ),
        # the end of a month said alone as the day something happens is a target, not a day
        (
            "志愿者招募报名启动\n报名截止时间为5月20日17:00，组委会将于6月底进行面试并公布名单。",
            [(None, at(5, 20, 17))],
        ),
        # a report whose plan is told with 将统一组织 announces it
        (
            "本报讯 记者从市人社局获悉，今年事业单位招聘报名已经结束，共有3000余人报名。"
            "5月20日全市将统一组织笔试，6月3日至4日进行面试。",
            [(date(2023, 5, 20), date(2023, 5, 20)), (date(2023, 6, 3), date(2023, 6, 4))],
        ),
        # the days of an event held are its own period, not a summary of the measures around it;
        # a schedule row (a day, a colon, its hours) is a row of its own, not the row above's tail
        (
            "关于中考期间考点周边交通管制的通告\n全县中考将于5月20日至22日在三个考点举行。为保障考试顺利进行，"
            "届时对考点周边道路实行交通管制。\n管制时间：\n5月20日：上午08:00—11:30 下午14:00—17:00\n"
            "5月21日：上午08:00—11:30 下午14:00—17:30\n5月22日：上午08:00—11:00\n特此通告。\n"
            "县公安局交警大队\n2023年5月12日",
            [
                (date(2023, 5, 20), date(2023, 5, 22)),
                (at(5, 20, 8), at(5, 20, 11, 30)),
                (at(5, 20, 14), at(5, 20, 17)),
                (at(5, 21, 8), at(5, 21, 11, 30)),
                (at(5, 21, 14), at(5, 21, 17, 30)),
                (at(5, 22, 8), at(5, 22, 11)),
            ],
        ),
        # works said to start today, with the day they end told in the same sentence: one span
        (
            "大桥维修封闭车道\n本报讯 大桥伸缩缝维修工程将于今天晚上动工，工期12天，"
            "预计5月22日结束。期间封闭部分车道。",
            [(date(2023, 5, 10), date(2023, 5, 22))],
        ),
        # …and a start reported with no end told is no period
        ("新馆开工\n本报讯 市图书馆新馆工程今天动工，市长出席仪式。", []),
        # "sharp" after both hours of a range
        (
            "道路封闭施工通告\n因管网改造，自2023年5月16日早8时整至2023年6月20日晚6时整，对和平街进行封闭，禁止车辆通行。",
            [(at(5, 16, 8), at(6, 20, 18))],
        ),
        # a web page's posting stamp with its clock before the day-first date
        (
            "发布: 9:12am 10/05/2023\n某镇停水通知\n因更换水表，某镇一带将于5月13日上午9时至下午5时停水。",
            [(at(5, 13, 9), at(5, 13, 17))],
        ),
        # a contract's start named far after the word contract: its term, not a plan
        (
            "Cleansing tenders invited\nThe Environment Department is inviting tenders for a three-year"
            " contract on the street cleansing of the eastern district starting on July 1.\nTenders should be"
            " deposited in the tender box by noon on June 2.",
            [(None, at(6, 2, 12))],
        ),
        # a table of rules the notice cites taking effect: a document's date
        (
            "某市公务人员考试报名通知\n本考试定于5月15日至24日受理报名。为配合考试院修正发布之「职系名称一览表」"
            "将于2024年3月1日开始施行，部分类科名称将有调整。",
            [(date(2023, 5, 15), date(2023, 5, 24))],
        ),
        # a headline's day, given its hour in the body: one moment
        (
            "某某考试5月12日放榜\n某某考试定于5月12日上午9时在考场公告栏榜示，应考人可上网查榜。",
            [(at(5, 12, 9), at(5, 12, 9))],
        ),
        # a headline running an event and its closures together: the body's event day stays
        (
            "5月13日广场彩排 部分道路关闭\n首场彩排星期六(5月13日)在市民广场举行，警方将关闭附近道路。\n"
            "警方表示，从星期六凌晨1时至星期天(14日)凌晨1时之间，周边道路将关闭。",
            [(date(2023, 5, 13), date(2023, 5, 13)), (at(5, 13, 1), at(5, 14, 1))],
        ),
    ],
)
def test_only_what_the_public_must_plan_around_is_a_period(
    text: str, expected: list[tuple[object, object]]
) -> None:
    assert periods(text) == expected


def test_a_report_of_what_took_place_is_no_notice() -> None:
    page = parse_page(
        "本报讯 5月8日，市文化馆举办了展演活动，200余名居民参加。活动中，演员们表演了皮影戏。",
        published=PUB,
        tz=TZ,
    )
    assert page.notices == []
    assert [s.reason for s in page.skipped] == ["news report"]


def test_a_line_after_the_signature_that_says_the_day_again_is_no_second_notice() -> None:
    page = parse_page(
        "交通管制通告\n因桥梁检测，5月16日8:00至17:00青石桥全封闭，车辆请绕行。\n特此通告。\n"
        "某县公安局交通警察大队\n2023年5月10日\n5月16日青石桥将交通管制\n请转告身边的朋友！",
        published=PUB,
        tz=TZ,
    )
    assert [[(p.start, p.end) for p in n.periods] for n in page.notices] == [[(at(5, 16, 8), at(5, 16, 17))]]


def test_a_headline_over_its_article_is_dropped_even_with_a_lead_and_a_midnight_deadline() -> None:
    page = parse_page(
        "城东供热期延长至3月25日\n2023-03-20 10:02 来源：城东新闻网\n"
        "3月20日，城东热力公司发布了延长供热的告知书，原文如下：\n延长供热告知书\n尊敬的热用户：\n"
        "因近期气温偏低，经研究决定，本采暖期供热时间延长至3月25日零时。\n城东热力公司\n2023年3月20日",
        published=date(2023, 3, 20),
        tz=TZ,
    )
    assert [[(p.start, p.end) for p in n.periods] for n in page.notices] == [[(None, at(3, 25))]]


def test_two_outages_of_different_villages_on_one_day_stay_two_notices() -> None:
    page = parse_page(
        "停电通知\n5月12日8时至17时，东坝村停电。\n\n停电通知\n5月12日8时至17时，河西村停电。",
        published=PUB,
        tz=TZ,
    )
    assert len(page.notices) == 2


def test_a_tally_of_what_a_window_brought_in_is_no_period_even_with_no_publication_date() -> None:
    text = (
        "评选结果公示\n在2023年3月1日至3月31日的征集期内，共收到参评作品120件。"
        "公示期为2023年5月12日至2023年5月18日。"
    )
    assert periods(text, published=None) == [(date(2023, 5, 12), date(2023, 5, 18))]


def test_a_recruitment_report_told_in_order_keeps_its_year_and_drops_what_it_restates() -> None:
    text = (
        "征兵报名开始\n上半年网上报名已经开始，截止时间为2月20号。\n"
        "记者从征兵办了解到，上半年报名时间为1月10号至2月20号，下半年报名时间为4月1号至8月20号。"
        "上半年3月中旬开始体检，3月25号批准入伍，4月底结束；下半年8月中旬开始体检，9月5号批准入伍，9月底结束。"
        "每年12月31日前，年满18周岁的男性公民应当进行兵役登记。"
    )
    got = periods(text, published=date(2023, 1, 15))
    assert got == [
        (date(2023, 1, 10), date(2023, 2, 20)),
        (date(2023, 4, 1), date(2023, 8, 20)),
        (date(2023, 3, 25), date(2023, 3, 25)),
        (date(2023, 9, 5), date(2023, 9, 5)),
    ]


def test_a_report_with_no_date_to_read_against_still_announces_its_plan() -> None:
    text = "因配合管道施工，下周一(10日)至2月21日(周五)，和平路部分路段实施临时交通安排，请驾驶者留意。"
    page = parse_page(text, published=None, tz=TZ)
    (notice,) = page.notices
    assert notice.category.value == "traffic_control"
    assert notice.periods == []
    assert any(w.startswith("dates not resolved") for w in notice.warnings)
    assert parse_page("和平路的交通安排，市民反映良好。", published=None, tz=TZ).notices == []


def test_a_report_that_announces_a_plan_is_a_notice() -> None:
    page = parse_page(
        "本报讯（记者 张明）记者昨日从市供电公司获悉，因线路改造，5月12日8时至17时和平路沿线将停电。",
        published=PUB,
        tz=TZ,
    )
    (notice,) = page.notices
    assert notice.category.value == "power_outage"
    assert notice.title.startswith("停电：因线路改造")


def test_a_notice_dated_only_by_its_season_is_read_in_that_season() -> None:
    """No day of its own, only "2023-2024年采暖季": its dates are read in that winter."""
    text = "经研究决定，2023-2024年采暖季正式供热时间提前至11月10日0时，请各单位做好准备。"
    assert periods(text, published=None) == [(datetime(2023, 11, 10, tzinfo=TZ), None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("仓库招租\n符合条件的企业均可投标，6月20日截标。", [(None, date(2023, 6, 20))]),
        (
            "通告 | 编号 : | 88/2023 |\n日 | 期 : | 2023-05-10 |\n于5月20日至25日封闭北安路。",
            [(date(2023, 5, 20), date(2023, 5, 25))],
        ),
        (
            "•  2023-05-18\n2023-5-9\n北安路于5月20日至25日封闭施工。",
            [(date(2023, 5, 20), date(2023, 5, 25))],
        ),
    ],
)
def test_deadlines_after_a_date_and_dates_of_the_page_itself(
    text: str, expected: list[tuple[object, object]]
) -> None:
    assert periods(text) == expected


def test_a_web_pages_headline_metadata_and_article_are_one_notice() -> None:
    page = parse_page(
        "北城区5月20日8时至18时停电\n2023-05-10 09:12 来源：市供电公司\n"
        "因线路改造，北城区将于5月20日8时至18时停电，请用户提前做好准备。\n",
        published=PUB,
        tz=TZ,
    )
    (notice,) = page.notices
    assert [(p.start, p.end) for p in notice.periods] == [(at(5, 20, 8), at(5, 20, 18))]


def test_a_headline_item_restated_by_the_article_below_it_is_dropped() -> None:
    from notices.categories import Category
    from notices.headlines import headline_of
    from notices.model import ParsedNotice, Period

    window = Period(at(5, 20, 8), at(5, 20, 18), all_day=False)
    headline = ParsedNotice("停电", Category.POWER_OUTAGE, "北城区5月20日8时至18时停电", periods=[window])
    article = ParsedNotice(
        "停电通知", Category.POWER_OUTAGE, "因线路改造……" * 5, issuer="供电公司", periods=[window]
    )
    assert headline_of(headline, article, TZ)
    assert not headline_of(article, headline, TZ)  # signed, and no headline
    other = ParsedNotice(
        "停电",
        Category.POWER_OUTAGE,
        "南城区停电",
        periods=[Period(at(5, 21, 8), at(5, 21, 18), all_day=False)],
    )
    assert not headline_of(other, article, TZ)  # says something the article does not


def test_an_open_start_said_by_a_relative_word_and_again_as_a_span_is_the_span() -> None:
    text = (
        "记者从县人武部了解到，县2022年征兵工作今起开始。\n"
        "据介绍，今年征兵工作时间为5月10日至6月30日，网上报名截止时间为6月5日。"
    )
    assert periods(text, published=date(2022, 5, 10)) == [
        (date(2022, 5, 10), date(2022, 6, 30)),
        (None, date(2022, 6, 5)),
    ]


def test_meetings_told_as_already_held_are_no_periods_even_with_no_publication_date() -> None:
    text = (
        "《海岸規劃》公開諮詢期至2023年6月30日。\n"
        "業界專場及公眾諮詢會已分別於2023年5月2日、4日及8日舉行，合共約80人出席。"
    )
    assert periods(text, published=None) == [(None, date(2023, 6, 30))]


def test_a_roc_dated_issue_line_is_metadata_and_an_exhibition_counts_its_first_day() -> None:
    text = (
        "發文日期:中華民國112年5月8日\n"
        "主旨:「變更東河都市計畫案」自112年5月15日起依法公開展覽30天,特此公告周知。\n"
        "公告事項:說明會訂於民國112年5月26日下午2時30分舉行。"
    )
    assert periods(text) == [(date(2023, 5, 15), date(2023, 6, 13)), (at(5, 26, 14, 30), at(5, 26, 14, 30))]


def test_an_english_cut_closed_by_its_full_restoration_drops_the_hour_its_works_end() -> None:
    text = (
        "Residents of Hillview will face a scheduled water supply disruption from 10 pm tonight for "
        "valve replacement works. Work is expected to end at 4 am on Thursday. Supply will then return "
        "in stages and is expected to be fully restored at 8 am on Friday, the company said."
    )
    assert periods(text) == [(at(5, 10, 22), at(5, 12, 8))]


def test_a_cut_under_way_since_a_day_and_its_return_are_one_window_beside_another_villages() -> None:
    text = (
        "东村因管线漏水抢修，已从5月9日凌晨开始停水，预计至5月10日中午12时才能恢复供水。"
        "西村因管线破损抢修，从5月9日下午2时停水至5月10日中午12时。"
    )
    assert periods(text) == [(at(5, 9), at(5, 10, 12)), (at(5, 9, 14), at(5, 10, 12))]


def test_an_english_cut_told_as_having_begun_before_the_page_is_no_plan() -> None:
    text = (
        "Residents of Block 12 Hill Crescent queued with buckets at the foot of their block.\n"
        "One resident said the water supply was cut off from 2pm on May 9.\n"
        "About 30 units on the lower floors were affected."
    )
    assert periods(text) == []
    # the same words about a cut still to come stay a plan
    assert periods("The water supply will be cut off from 2pm on May 12.") == [(at(5, 12, 14), None)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a window counted from the day the disclosure went up, said without 自: the 发布 before
        # 之日起 is the anchor, not a page's 发布时间 label
        (
            "南湖泵站扩建环境影响评价信息公示\n"
            "五、提出意见的期限\n居民可在网站公示发布之日起10个工作日内提出意见。",
            [(date(2023, 5, 10), date(2023, 5, 24))],
        ),
        # a page's stamp with the year last (09.05.2023 08:47: 9 May, or 5 September read the other
        # way round), joined to the headline by extraction
        (
            "滨河路沿线11日晚停水\n\n09.05.2023  08:47\n\n  昨天,记者获悉,供水部门计划于5月11日21时至次日6时"
            "对滨河路管道进行改造施工,届时沿线区域将无水。",
            [(at(5, 11, 21), at(5, 12, 6))],
        ),
        # a bare 时间 cell after the signature: when the page was posted
        (
            "征收土地预公告\n公告期限：2023年5月10日至2023年5月24日。\n特此公告。\n"
            "****\n2023年5月10日\n(联系人:****办公室,联系电话:0000-****567)\n| 时间: | 2023-05-10 |",
            [(date(2023, 5, 10), date(2023, 5, 24))],
        ),
        # 据悉，/据了解， open a reported plan; only 据… run straight into a date files a report
        (
            "据悉，明天上午9点至下午5点，和平街将暂停供气，后天恢复正常。",
            [(at(5, 11, 9), at(5, 11, 17))],
        ),
        (
            "据了解，5月12日至14日，城南片区将停水。据新华社北京5月8日电，另有新规出台。",
            [(date(2023, 5, 12), date(2023, 5, 14))],
        ),
        # a portal's footer under the signature: when the page went up, its closing day, its visits
        (
            "关于向社会公开征集民生实事项目的通告\n一、征集时间\n自通告之日起至2023年5月31日止。\n"
            "某某市人民政府办公室\n2023年5月10日\n某某市人民政府办公室发布日期:2023-05-10截止日期:2023-05-31访问次数:",
            [(date(2023, 5, 10), date(2023, 5, 31))],
        ),
        # a registration span's closing hour in the bracket after it restates its end
        (
            "报名时间：2023年5月16日至2023年5月18日（5月18日下午5:00截止），仅限工作日上午9:00-11:30。",
            [(date(2023, 5, 16), date(2023, 5, 18))],
        ),
        # a span's nightly hours given once, then the days of each village group listed under it:
        # each day listed is one night of those hours
        (
            "5月15日至5月18日东岭镇具体停水时间及区域：\n停水时间为晚上21点到早上7点\n停水日期\n停水区域\n1\n"
            "5月15日、5月17日\n东岭村、西岭村\n2\n5月16日、5月18日\n南坑村、北坑村\n请用户提前蓄水。",
            [
                (at(5, 15, 21), at(5, 16, 7)),
                (at(5, 17, 21), at(5, 18, 7)),
                (at(5, 16, 21), at(5, 17, 7)),
                (at(5, 18, 21), at(5, 19, 7)),
            ],
        ),
        # a closure from an hour, reopened in a part of a later day: it runs into that day
        (
            "东湖隧道整治于5月12日22时起实施封闭，预计5月16日早高峰前开放交通。",
            [(at(5, 12, 22), date(2023, 5, 16))],
        ),
        (
            "北门桥自5月12日20时起封闭施工，5月18日恢复通行。",
            [(at(5, 12, 20), date(2023, 5, 17))],
        ),
    ],
)
def test_anchors_stamps_and_reopenings_said_loosely(text: str, expected: list[tuple[object, object]]) -> None:
    page = parse_page(text, published=PUB, tz=TZ)
    got = [(p.to_json()["start"], p.to_json()["end"]) for n in page.notices for p in n.periods]

    def iso(v: object) -> object:
        return None if v is None else v.isoformat()  # type: ignore[attr-defined]

    assert got == [(iso(a), iso(b)) for a, b in expected]


def test_days_said_to_go_on_as_usual_are_no_period() -> None:
    text = (
        "《街市管理條例》(草案)諮詢期由4月20日至本月31日進行。\n"
        "市民可於辦公時間親臨南灣辦事處遞交意見(辦事處5月13及14日照常辦公)。"
    )
    assert periods(text) == [(date(2023, 4, 20), date(2023, 5, 31))]


def test_a_press_releases_own_day_and_a_works_completion_month_are_no_periods() -> None:
    text = (
        "Part of Maple Road will be closed to traffic from 2am to 6am on May 20, the town council "
        "announced in a May 8 press release.\n"
        "The new footbridge, expected to be completed by March 2024, will link the two estates."
    )
    assert periods(text) == [(at(5, 20, 2), at(5, 20, 6))]
    # the same in Chinese: the day of the release the report cites
    text = "市政署在5月8日的新聞稿中表示，楓樹路將於5月20日凌晨2時至6時封閉。"
    assert periods(text) == [(at(5, 20, 2), at(5, 20, 6))]


def test_advice_due_when_an_outage_starts_is_no_deadline_of_its_own() -> None:
    text = (
        "南村一帶周六晚上11時至周日早上7時暫停供水。"
        "水務部門呼籲居民周六晚11時前做好儲水準備，停水期間將安排水車供水。"
    )
    assert periods(text) == [(at(5, 13, 23), at(5, 14, 7))]
    # a deadline at another hour stays
    text = "南村一帶5月13日晚上11時至14日早上7時暫停供水。用戶須於5月12日17時前登記臨時供水。"
    assert periods(text) == [(at(5, 13, 23), at(5, 14, 7)), (None, at(5, 12, 17))]


def test_a_payment_due_before_midnight_is_its_own_day_beside_an_upload_due_that_evening() -> None:
    text = "報名受理時間至112年5月22日(星期一)18:00止，並於112年5月22日(星期一) 24:00前列印繳費單並完成繳費。"
    assert periods(text) == [(None, at(5, 22, 18)), (None, date(2023, 5, 22))]


def test_a_birth_date_that_bounds_who_may_come_dates_neither_the_notice_nor_a_period() -> None:
    text = (
        "2023年城北区免费体检安排\n"
        "体检对象为本区户籍、年龄在65周岁以上（出生日期在1958年12月31日之前）的居民。\n"
        "体检时间：6月5日——6月30日，额满为止。\n"
        "有意参加的居民可于5月31日前到所在社区卫生服务站咨询。"
    )
    assert periods(text, published=None) == [(date(2023, 6, 5), date(2023, 6, 30)), (None, date(2023, 5, 31))]


def test_an_opening_day_and_its_closing_day_given_on_two_lines_are_one_period() -> None:
    text = (
        "关于南湖闸开闸放水的通知\n一、放水时间\n1. 开闸时间：2023年5月12日\n2. 关闸时间：2023年 6 月12日\n"
        "二、放水期间请勿在河道内游泳、捕鱼。\n南湖镇人民政府\n2023年5月10日"
    )
    assert periods(text) == [(date(2023, 5, 12), date(2023, 6, 12))]
    text = (
        "关于举办春季花卉展的通知\n开幕时间：2023年5月20日\n闭幕时间：2023年5月28日\n"
        "地点：城市公园东门广场。欢迎市民前来参观。\n城市公园管理处\n2023年5月10日"
    )
    assert periods(text) == [(date(2023, 5, 20), date(2023, 5, 28))]


def test_a_report_of_work_under_way_that_will_last_until_a_day_is_a_notice() -> None:
    text = (
        "本报讯（记者 李明）全市第二次经济普查现场登记于5月8日零时正式启动，登记工作将持续至6月30日。"
        "普查对象可选择自主填报，也可由普查员上门登记。"
    )
    assert periods(text) == [(date(2023, 5, 8), date(2023, 6, 30))]


def test_a_weekly_closure_told_as_background_names_no_day() -> None:
    text = (
        "关于夜间封闭隧道养护的公告\n自2022年11月1日起，东山隧道每周一、周二0点至5点封闭，其他时间正常通行。"
        "因本次养护工作量大，我们计划于2023年5月15日至5月31日每日0点至5点对隧道实行封闭。\n"
        "东山隧道管理所\n2023年5月10日"
    )
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 31))]


def test_a_later_section_with_no_year_is_read_in_the_year_of_the_section_above() -> None:
    text = (
        "2023滨江半程马拉松将于2023年5月20日上午7:30开跑，设半程和迷你跑两个项目。\n"
        "滨江半程马拉松临时交通管制措施\n"
        "为确保比赛顺利进行，5月20日比赛当天，城区部分道路分时段实施临时交通管制。具体时间和路段为:\n"
        "早上6时至9时30分，滨江路（北门桥至南门桥段）；\n"
        "早上6时至11时，体育路、学院路；\n"
        "早上6时至比赛结束，北环路（东段）。"
    )
    assert periods(text, published=None) == [
        (at(5, 20, 7, 30), at(5, 20, 7, 30)),
        (at(5, 20, 6), at(5, 20, 9, 30)),
        (at(5, 20, 6), at(5, 20, 11)),
        (at(5, 20, 6), None),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a week said relatively names no day: only the night the slip road shuts is a period
        (
            "Notice of lane closures on Quarry Road\nLane closures on Quarry Road will take place next week. "
            "The slip road will be closed from 10 pm on 20 May to 6 am on 21 May.",
            [(at(5, 20, 22), at(5, 21, 6))],
        ),
        (
            "Notice of lane changes\nHarbour Road will have its lanes switched next week while the "
            "carriageway is resurfaced.",
            [],
        ),
        # opened the day before publication, ends the day after: one span over both
        (
            "Notice of craft fair\nThe craft fair at the town hall opened yesterday and ends tomorrow. "
            "Admission is free.",
            [(date(2023, 5, 9), date(2023, 5, 11))],
        ),
        # a wire report's dateline on a past event: when it was filed, no plan
        (
            "Kite festival draws crowds\nPENANG, 10 May — The kite festival was held on the beach and drew "
            "3,000 visitors, the organisers said.",
            [],
        ),
        (
            "Notice of orchid show\nKUALA LUMPUR, 10 May: The orchid show at the lake gardens drew 2,000 "
            "visitors on its first day, organisers said.",
            [],
        ),
        (
            "Notice of orchid show\nIpoh, 10 May — The orchid show at the lake gardens drew 2,000 visitors "
            "on its first day, organisers said.",
            [],
        ),
        # a weekday before the date and a dash is no place: the day is the plan
        (
            "Notice of road closure\nMonday, 15 May — Jalan Kenanga will be closed from 9 am to 5 pm.",
            [(at(5, 15, 9), at(5, 15, 17))],
        ),
        # the date a notice replaces, a few words after "originally" or "was due to"
        (
            "Notice of orchid show\nThe orchid show, originally scheduled to close on 14 May, has been "
            "extended to 28 May.",
            [(None, date(2023, 5, 28))],
        ),
        (
            "Notice of swimming gala\nThe swimming gala, which was due to be held on 13 May, has been "
            "postponed to 27 May.",
            [(date(2023, 5, 27), date(2023, 5, 27))],
        ),
        (
            "Notice of swimming gala\nThe swimming gala has been postponed from 13 May to 27 May.",
            [(date(2023, 5, 27), date(2023, 5, 27))],
        ),
        (
            "Notice of road works\nThe road works have been postponed to 22 May owing to heavy rain; "
            "they were originally planned for the week starting 15 May.",
            [(date(2023, 5, 22), date(2023, 5, 22))],
        ),
        # 原定…延至: the old day left out, the day it moves to kept (held then, not a deadline)
        (
            "游园会改期通知\n原定于5月13日举行的游园会延至5月27日举行。",
            [(date(2023, 5, 27), date(2023, 5, 27))],
        ),
    ],
)
def test_english_time_words_and_replaced_dates(text: str, expected: list[tuple[object, object]]) -> None:
    assert periods(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "东岭路临时交通管制\n因桥梁检测，9时至16时对东岭路实施交通管制，请绕行。",
            [(at(5, 10, 9), at(5, 10, 16))],
        ),
        (
            "Notice of lane closure\nThe kerbside lane of Mill Road will be closed from 10am to 3pm "
            "for gully cleaning. Please follow the signs.",
            [(at(5, 10, 10), at(5, 10, 15))],
        ),
        ("北坡村停电\n因更换变压器，当日上午8时至下午5时北坡村一带停电。", [(at(5, 10, 8), at(5, 10, 17))]),
        # office hours, a daily window with no days, and hours that disrupt nothing: no period
        ("西城供电所停电\n因线路检修，西城一带停电。咨询电话：8123456（工作时间8:30-17:00）。", []),
        ("湖滨路夜间施工\n湖滨路每晚22时至次日5时封闭施工，请绕行。", []),
        ("湖滨路周末施工\n湖滨路双休日8时至18时封闭施工，请绕行。", []),
        # the day is in the title: the hours are on it, signed or not
        (
            "关于5月16日青石路停电的通知\n因线路检修，8时至17时青石路一带停电。",
            [(at(5, 16, 8), at(5, 16, 17))],
        ),
        (
            "Water Interruption Notice – May 17\nWater will be shut off from 9:00 a.m. to 3:00 p.m. on "
            "Alder Road for repairs.",
            [(at(5, 17, 9), at(5, 17, 15))],
        ),
        ("社区义诊\n9时至11时在社区广场为居民免费量血压。", []),
    ],
)
def test_hours_in_a_notice_with_no_day_fall_on_its_publication_day(
    text: str, expected: list[tuple[object, object]]
) -> None:
    assert periods(text) == expected


def test_hours_with_no_day_need_a_publication_date_and_no_date_of_the_notices_own() -> None:
    text = "东岭路临时交通管制\n因桥梁检测，9时至16时对东岭路实施交通管制，请绕行。"
    assert periods(text, published=None) == []
    assert periods(text + "\n市交警支队\n2023年5月8日") == []


@pytest.mark.parametrize(
    "text",
    [
        "因东郊水厂进水管被施工挖破，于15:00停产，目前正在抢修，恢复供水时间预计为21:00左右。敬请谅解！"
        "\n东郊供水有限公司\n2023年5月8日",
        # one run-on line, the issuer and the date after the last sentence; a converting page's pinyin
        "因东郊水厂进水管被施工挖破，于15:00停產(chǎn)，目前正在搶修，恢復(fù)供水時間預(yù)計為21:00左右。"
        "敬請諒解！ 東郊供水有限公司 2023年5月8日",
    ],
)
def test_a_cut_under_way_told_with_no_day_is_on_the_day_its_notice_is_signed(text: str) -> None:
    assert periods(text, published=None) == [(at(5, 8, 15), at(5, 8, 21))]


@pytest.mark.parametrize(
    "text",
    [
        "城西停水通知\n因管网碰口，5月12日至14日城西片区停止供水，预计14日20时全部恢复供水。",
        "Water supply suspension in Westfield\nSupply to Westfield will be suspended from May 12 to 14 "
        "for mains works. Supply will be fully restored at 8 pm on May 14.",
        # an open start on a day, closed by the hour the supply is back (it was a crash: a day and an
        # hour compared)
        "城西停水通知\n因管网碰口，城西片区自5月12日起停水，预计14日20时恢复供水。",
    ],
)
def test_a_cut_over_days_ends_at_the_hour_its_supply_is_said_to_come_back(text: str) -> None:
    assert periods(text) == [(at(5, 12), at(5, 14, 20))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a date field named for what happens on it, its hours on the next line
        (
            "南岗村停电\n停电日期：5月16日\n停电时间：7:30-15:30\n停电范围：南岗村",
            [(at(5, 16, 7, 30), at(5, 16, 15, 30))],
        ),
        # a bare 日期 field ahead of the page: the day a fair is held, not the page's own date
        (
            "人才交流会\n日期：2023年5月20日\n时间：上午9:00-下午3:00\n地点：市体育馆",
            [(at(5, 20, 9), at(5, 20, 15))],
        ),
        # a bare 日期 on or before the page is the page's own date
        (
            "北关街停水\n日期：2023-05-09\n因管道维修，5月13日8时至16时北关街停水。",
            [(at(5, 13, 8), at(5, 13, 16))],
        ),
    ],
)
def test_a_date_field_with_its_hours_under_it_is_a_plan(
    text: str, expected: list[tuple[object, object]]
) -> None:
    assert periods(text) == expected


def test_a_cut_from_an_hour_of_its_own_day_ends_at_the_hour_it_is_back_on_a_later_day() -> None:
    text = "城西停水通知\n因管网碰口，城西片区5月12日8时起停水，预计14日20时恢复供水。"
    assert periods(text) == [(at(5, 12, 8), at(5, 14, 20))]


@pytest.mark.parametrize("marker", ["二、", "(二)", "2."])
def test_a_numbered_date_field_is_the_notices_own_with_no_publication_date(marker: str) -> None:
    """二、日期：… in a hearing notice is when it is held; a page's stamp is never numbered."""
    text = (
        "舉行某某工程公聽會，特此公告。\n一、事由：說明工程概況，聽取意見。\n"
        f"{marker}日期：中華民國112年7月24日(星期一)下午2時30分。\n三、地點：某某活動中心。"
    )
    found = parse_page(text, published=None, tz=TZ).notices
    assert [(p.start, p.end) for n in found for p in n.periods] == [
        (datetime(2023, 7, 24, 14, 30, tzinfo=TZ), datetime(2023, 7, 24, 14, 30, tzinfo=TZ))
    ]


def test_a_bare_date_label_on_a_page_stays_its_stamp() -> None:
    text = "某某工程公聽會公告\n日期：2023-07-10 10:33\n一、時間：中華民國112年7月24日(星期一)下午2時30分。"
    found = parse_page(text, published=None, tz=TZ).notices
    assert [p.start for n in found for p in n.periods] == [datetime(2023, 7, 24, 14, 30, tzinfo=TZ)]


@pytest.mark.parametrize("who", ["考生", "学生", "新生"])
def test_candidates_on_a_day_are_no_birth_date(who: str) -> None:
    """考生于7月25日至26日下载准考证: the candidates act then; 出生 / 生于 alone bound who may apply."""
    text = f"某某招聘公告\n{who}于5月25日至5月26日登录网站自行下载并打印准考证。"
    assert periods(text) == [(date(2023, 5, 25), date(2023, 5, 26))]


def test_born_on_or_after_a_day_stays_a_condition() -> None:
    assert periods("某某招聘公告\n报考人员须于1990年1月1日以后出生。报名时间为5月25日至5月26日。") == [
        (date(2023, 5, 25), date(2023, 5, 26))
    ]


def test_today_dated_by_its_bracket_when_gazetted_is_the_notices_own_day() -> None:
    """No publication date given: today (January 21) is still the day the notice was put out."""
    text = (
        "Proposed closure of a section of Bay Road gazetted\n\n"
        "The Government gazetted today (January 21) the proposed closure of a section of Bay Road. "
        "Any person who wishes to object should deliver an objection not later than March 22, 2023."
    )
    found = parse_page(text, published=None, tz=TZ).notices
    assert [(p.start, p.end) for n in found for p in n.periods] == [(None, date(2023, 3, 22))]


def test_tomorrow_dated_by_its_bracket_takes_that_date() -> None:
    assert periods("The road will be closed tomorrow (May 12) from 9am to 5pm.") == [
        (at(5, 12, 9), at(5, 12, 17))
    ]


@pytest.mark.parametrize("published", [None, date(2023, 5, 9)])
def test_the_day_a_document_was_issued_is_no_plan(published: date | None) -> None:
    """5月2日，某省政府发布《关于…的通告》: when it was put out, also with no publication date (the
    day is before the notice's own first full date)."""
    text = (
        "本报讯 某组委会发出通知，原定于2023年5月24日至26日举办的某某交易会推后举办，具体时间另行通知。\n"
        "5月2日，某省人民政府发布《关于加强某某防控工作的通告》，要求减少公众聚集活动。"
    )
    found = parse_page(text, published=published, tz=TZ).notices
    assert [(p.start, p.end) for n in found for p in n.periods] == []


@pytest.mark.parametrize("label", ["發表于: ", "发表时间：", "发帖时间:", "當前報章"])
def test_a_forum_posts_stamp_is_no_plan(label: str) -> None:
    text = f"【公告】某市教师甄选简章\n\n{label}2023/05/10\n\n一、报名时间：5月16日上午8时至5月18日下午5时。"
    assert periods(text) == [(at(5, 16, 8), at(5, 18, 17))]


def test_the_day_years_of_work_are_reckoned_to_is_no_plan() -> None:
    text = (
        "某区社区工作者招聘公告\n具有两年以上社会工作经历（参加工作时间计算时间截止到2023年8月31日）。\n"
        "报名时间：2023年5月15日上午8:00至5月19日下午17:00止。"
    )
    assert periods(text) == [(at(5, 15, 8), at(5, 19, 17))]


def test_the_days_a_tender_was_put_out_are_no_periods_in_an_undated_notice() -> None:
    text = (
        "公開招標更改\n就本局於5月3日及8日發佈題述服務公開招標，現更改日期如下：\n"
        "截標日期更改為二零二三年五月二十九日中午十二時正。"
    )
    assert periods(text, published=None) == [(None, at(5, 29, 12))]


def test_a_span_of_birth_days_bounds_who_may_apply_in_an_undated_notice() -> None:
    text = (
        "招聘公告\n年龄18至35周岁（1988年5月31日至2005年5月31日期间出生）。\n"
        "报名时间：2023年6月5日—2023年6月9日"
    )
    assert periods(text, published=None) == [(date(2023, 6, 5), date(2023, 6, 9))]


def test_a_notice_dated_only_by_minguo_days_with_slashes_reads_them() -> None:
    text = "某區公所公告\n一.申報時間:自112/05/15上午10時至112/06/30下午5時止。二.申請方式:網站申報。\n"
    assert periods(text, published=None) == [(at(5, 15, 10), at(6, 30, 17))]


def test_days_in_numerals_with_no_month_are_a_span_of_their_own() -> None:
    text = (
        "分区停水\n甲区停水时间为五月十五日至二十一日，每天上午十一点至下午四点。\n"
        "乙区停水时间十五日至十八日，每天上午十点至下午四点。\n"
    )
    assert periods(text) == [(date(2023, 5, 15), date(2023, 5, 21)), (date(2023, 5, 15), date(2023, 5, 18))]
