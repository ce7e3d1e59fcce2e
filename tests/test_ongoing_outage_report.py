"""A report of a supply failing on the page's own day (…出现水压下降或无水情况。目前抢修正在持续推进)
carries a notice's facts: the residents are without water now."""

from __future__ import annotations

from datetime import date

from notices.categories import Category
from notices.parse import parse_page
from tests.periods_support import TZ

TEXT = (
    "记者从某某自来水公司获悉,5月10日,因某某路供水管道漏损开展抢修,受此影响,某某路沿线片区出现"
    "水压下降或无水情况。\n目前抢修正在持续推进,某某公司将积极协调,尽快恢复相关区域的城市供水。"
    "请受影响的市民妥善关闭好家中的供水设施。\n如有查询,请拨打供水服务热线96106。(某某网 记者王明)\n"
)


def test_an_outage_under_way_on_the_day_is_a_notice() -> None:
    notices = parse_page(TEXT, published=date(2022, 5, 10), tz=TZ).notices
    assert [n.category for n in notices] == [Category.WATER_OUTAGE]
    assert [p.start for p in notices[0].periods] == [date(2022, 5, 10)]
