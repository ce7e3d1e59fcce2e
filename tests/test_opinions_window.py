"""The public asked to send opinions from the day a notice is out (请在启事公布之日起…提出建议和
意见), with the ways to send them listed before the closing date: one window from that day; the
day a notice takes effect (本公告发布之日起视同通知申请人) is still no period."""

from __future__ import annotations

from datetime import date

from tests.periods_support import periods

PUB = date(2019, 11, 20)


def test_opinions_from_the_notices_day_to_the_closing_date() -> None:
    text = (
        "关于征集建议的启事\n如果您有好的建议意见，请在启事公布之日起，通过以下途径提出建议和意见："
        "一是信件邮寄，请寄往某某区人民政府办公室，来信请注明字样；二是电子邮件，请发至指定邮箱；"
        "三是网络留言，登录区政府网站进入专栏留言。\n本次公开征求建议和意见截止时间为2019年12月20日。\n"
    )
    assert periods(text, published=PUB) == [(PUB, date(2019, 12, 20))]


def test_the_day_a_notice_takes_effect_is_no_period() -> None:
    text = "某地块挂牌出让公告\n报名截止时间为2019年12月8日17:00。\n本公告发布之日起视同通知竞买申请人。\n"
    got = periods(text, published=PUB)
    assert len(got) == 1
    assert got[0][0] is None
