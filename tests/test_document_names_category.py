"""A rental word inside the name of a document a notice asks for (住房承租证, 房屋租赁合同) says what
to bring, not that something is let: a school's enrolment guide that lists them is no rental
notice, while a letting that names its lease still is one."""

from __future__ import annotations

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


def _category(text: str) -> Category:
    norm = normalize(text)
    return categorize("", norm).category


def test_enrolment_guide_listing_tenancy_papers_is_no_rental() -> None:
    text = (
        "秋季一年级新生入学报名须知\n"
        "入学报名时请带齐儿童户口簿、监护人的房产证或公房承租证；"
        "暂无房产的，可提交经备案的租房合同，并附承租证复印件。\n"
        "网上报名时间为7月1日至7月10日。\n"
    )
    assert _category(text) is Category.OTHER


def test_traditional_enrolment_guide_with_lease_papers() -> None:
    text = (
        "幼兒園招生報名指南\n"
        "入園報名須提交幼兒戶口簿及住房租賃合同或公有住房承租證，租賃證明須在有效期內。\n"
        "報名時間：6月5日至6月9日。\n"
    )
    assert _category(text) is not Category.RENTAL


def test_a_letting_that_names_its_lease_is_still_a_rental() -> None:
    text = (
        "临街商铺公开招租公告\n"
        "现将东街3号商铺公开招租，租期三年，竞得人须于成交后五日内签订租赁合同。\n"
        "报名时间：5月6日至5月12日。\n"
    )
    assert _category(text) is Category.RENTAL


def test_a_tenant_certificate_alone_does_not_outweigh_a_school_notice() -> None:
    text = (
        "小学招生工作安排\n"
        "学区内适龄儿童凭户口簿和住宅承租证到校登记，承租证户主须为儿童父母。\n"
        "登记时间为6月3日至6月14日。\n"
    )
    assert _category(text) is not Category.RENTAL
