"""Days a notice says go on as usual (11月29及30日照常办公, 2月19日至21日正常开放, 端午当天各窗口照常
营业): nothing changes on them, so they are no period to plan around. A holiday notice lists its
normal days beside the changed ones, often several days at once and with the place as subject
(2月11日(星期日)、2月24日(星期六)，全馆正常开放服务); the check reads past the rest of the list and
that subject. A day said as a return (25日起正常开放, 恢复正常开放) is a closure's end, left to
notices.reconcile, and so is a day whose sentence still changes something (调整, 暂停)."""

from __future__ import annotations

import re

from notices.model import Period

#: Right after the day: 11月29及30日照常办公, 5月1日起照常营业.
_AS_USUAL_AFTER = re.compile(
    r"\s*(?:[(（][^)）\n]{0,10}[)）])?\s*(?:仍|亦|也|均|都|仍然|依然)?\s*"
    r"(?:(?:照常|如常)\s*(?:办公|上班|营业|开放|开馆|运作|服务|受理|办理)|正常\s*(?:办公|上班|营业))"
)
#: The rest of a list of days after one of them: weekdays and lunar days in brackets, more days.
_REST_OF_LIST = re.compile(
    r"(?:\s*(?:[(（][^)）\n]{0,12}[)）]|[、和及与至到—–\-~～]|\d{1,4}\s*[年月日号]?|[年月日号]))*"
)
#: The place or service the days are about, said between them and the words: 全馆, 本馆各部室.
_SUBJECT = re.compile(r"\s*[，,]?\s*(?:(?!暂停|停止|不|未|闭|恢复|调整)[\u4e00-\u9fff]){0,6}?")
#: Going on as usual: 照常办公, 正常开放服务, 如常运作.
_AS_USUAL = re.compile(
    _SUBJECT.pattern + r"\s*(?:仍|亦|也|均|都|仍然|依然|继续)?\s*"
    r"(?:照常|如常|正常)\s*(?:对外)?\s*(?:办公|上班|营业|开放|开馆|开园|运作|运营|服务|受理|办理|接待)"
)
#: A day said as the start of what follows it: a reopening, not a day as usual.
_FROM = re.compile(r"\s*(?:[(（][^)）\n]{0,12}[)）])?\s*(?:起|开始|以后|之后|后)")

#: What still changes on those days, later in the sentence: 照常开放，开放时间调整为9:00—15:00.
_CHANGED = re.compile(r"调整|延长|缩短|提前|推迟|改为|时间为|\d\s*[:：时点]")
_SENTENCE_END = re.compile(r"[。；;！!？?\n]")


def as_usual(norm: str, end: int) -> bool:
    """Whether the day (or list of days) ending at ``end`` is said to go on as usual."""
    if _AS_USUAL_AFTER.match(norm, end):
        return True
    if _FROM.match(norm, end):
        return False
    rest = _REST_OF_LIST.match(norm, end)
    at = rest.end() if rest is not None else end
    if _FROM.match(norm, at):
        return False
    said = _AS_USUAL.match(norm, at)
    if said is None:
        return False
    stop = _SENTENCE_END.search(norm, said.end())
    return not _CHANGED.search(norm, said.end(), len(norm) if stop is None else stop.start())


#: A return to the usual, right after its day: 28日起恢复正常开馆时间.
_BACK = re.compile(r"\s*(?:[(（][^)）\n]{0,12}[)）])?\s*(?:起|开始)?\s*(?:将|会)?\s*恢复正常")


def back_to_usual(norm: str, periods: list[Period], usual: list[Period]) -> list[Period]:
    """Periods without a return to the usual said right after days already as usual (22日至27日
    正常开馆；28日起恢复正常开馆时间): nothing was closed, so it ends nothing and starts nothing."""
    if not usual:
        return periods
    mine = {id(p) for p in usual}
    said = sorted((p.span[0], id(p) in mine) for p in [*periods, *usual] if p.span is not None)
    kept: list[Period] = []
    for period in periods:
        if period.span is not None and period.end is None and _BACK.match(norm, period.span[1]):
            before = [flag for at, flag in said if at < period.span[0]]
            if before and before[-1]:
                continue
        kept.append(period)
    return kept
