"""A signature run into a run-on paragraph (the attachment's file name, then the issuer and the day
it signed, with no line break) is still a signature: its day is no period."""

from __future__ import annotations

from datetime import date

import pytest

from tests.periods_support import periods

_BODY = (
    "关于2023年度先进集体推荐对象的公示经评审小组评议，拟推荐以下8个单位为年度先进集体，现予公示，"
    "如有异议，请于2023年5月17日前向区人社局书面反映，联系电话：0731-86665555"
)


@pytest.mark.parametrize(
    "tail",
    [
        "附件：2023年度先进集体推荐名单.xlsx区人力资源和社会保障局2023年5月10日",
        "附件：2023年度先进集体推荐名单.docx 区人力资源和社会保障局 2023年5月10日。",
        "。区人力资源和社会保障局2023年5月10日",
        "附件：推荐名单.pdf区评比达标工作领导小组办公室2023年5月10日",
    ],
)
def test_a_glued_signature_day_is_no_period(tail: str) -> None:
    assert periods(_BODY + tail + "\n") == [(None, date(2023, 5, 17))]


def test_a_glued_signature_in_traditional_script() -> None:
    text = (
        "關於年度先進集體推薦對象的公示經評審小組評議，擬推薦以下單位為年度先進集體，現予公示，"
        "如有異議，請於2023年5月17日前書面反映。附件：推薦名單.docx區人事處2023年5月10日\n"
    )
    assert periods(text) == [(None, date(2023, 5, 17))]


def test_a_plan_day_ending_a_sentence_stays() -> None:
    text = "停电通知\n因线路检修，城南片区将停电，停电日期为2023年5月20日\n城南供电所\n2023年5月10日\n"
    assert (date(2023, 5, 20), date(2023, 5, 20)) in periods(text)
