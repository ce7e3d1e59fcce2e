"""Children registered for a school's places are no recruitment (the school's "vacancies") and no
letting (a tenancy paper as proof of address); a school's teacher selection and a call-up of
students for service stay recruitment."""

from __future__ import annotations

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


def _category(title: str, body: str) -> Category:
    return categorize(normalize(title), normalize(body)).category


def test_primary_one_registration_is_other() -> None:
    body = (
        "The registration of children for Primary One classes will open from 6 July to 30 August. "
        "Schools with vacancies after the phase will hold a ballot."
    )
    assert _category("Primary One Registration Exercise", body) is Category.OTHER


def test_school_entry_with_a_tenancy_paper_is_other() -> None:
    body = "新生入学登记时间：2月20日至22日。学区内租赁户须携带租赁合同及户口簿。"
    assert _category("某某国民小学新生入学登记须知", body) is Category.OTHER


def test_teacher_selection_is_recruitment() -> None:
    body = "教师甄选报名时间：5月2日至5月4日，初试（笔试）5月13日。"
    assert _category("某市国民小学教师甄选简章", body) is Category.RECRUITMENT


def test_a_call_up_that_names_freshmen_is_recruitment() -> None:
    body = "重点做好大学毕业生和大学新生的征集工作，大学新生可在入学前户籍所在地报名应征。"
    assert _category("某市征兵公告", body) is Category.RECRUITMENT
