"""The roads shut for a dragon-boat race are the race's notice, as a marathon's are (event), in
either script; a closure with no race named stays a closure or traffic control."""

from __future__ import annotations

import pytest

from notices.categories import Category
from notices.classify import categorize
from notices.normalize import normalize


@pytest.mark.parametrize(
    "body",
    [
        "端午龙舟赛期间，6月10日8时至17时，滨河路实施交通管制，禁止机动车通行。",
        "端午龍舟賽期間，6月10日8時至17時，濱河路實施交通管制，禁止機動車通行。",
        "为确保龙舟邀请赛顺利举行，决定对比赛水域实施交通管制，禁止所有船舶通行。",
    ],
)
def test_a_dragon_boat_race_owns_its_traffic_measures(body: str) -> None:
    assert categorize("", normalize(body)).category is Category.EVENT


def test_a_closure_with_no_race_stays_traffic() -> None:
    body = "因管道施工，6月10日8时至17时，滨河路实施交通管制，禁止机动车通行。"
    assert categorize("", normalize(body)).category is not Category.EVENT
