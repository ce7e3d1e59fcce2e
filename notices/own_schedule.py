"""A deadline the issuer sets itself: 水箱预计于1月10日中午前完成放置 / 抢修队伍预计在5日前完成
修复. The day is when the issuer expects to be done with its own preparations, told to reassure
readers; nobody has to act by it, so it is no period. A deadline the reader must meet
(请于5月20日前完成报名) is not expected (预计) by anyone and stays."""

from __future__ import annotations

import re

#: An estimate opening the clause of the day: expected, planned, aimed at.
_ESTIMATE_BEFORE = re.compile(r"(?:预计|预期|估计|计划|力争|争取)\s*(?:将|会|可|能)?\s*(?:于|在|到)?\s*$")
#: Finishing something the issuer does, right after the day (its 前 may be inside the day's text).
_FINISHED_AFTER = re.compile(
    r"\s*(?:之前|以前|前)?\s*(?:全部|全面|陆续|逐步)?\s*(?:完成|完工|竣工|做好|到位|就位|摆放|放置|安装|设置|修复)"
)


def own_schedule(norm: str, begin: int, end: int) -> bool:
    """Whether the day at ``norm[begin:end]`` is the issuer's own expected finish (预计于…前完成)."""
    return _ESTIMATE_BEFORE.search(norm, max(0, begin - 12), begin) is not None and bool(
        _FINISHED_AFTER.match(norm, end)
    )
