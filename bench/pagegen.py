"""Varied newspaper pages with known answers, for the parse benchmark.

Pages are built from notice templates in many date styles, wrapped the way PDF
extraction wraps them (titles after bodies, spaced titles, news around them),
so speed and accuracy are measured on pages whose true periods are known.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

CN_DIGITS = "〇一二三四五六七八九"
WEEKDAYS = "一二三四五六日"
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def cn_number(n: int) -> str:
    """1..31 in Chinese numerals as printed in dates (十一, 二十六, 三十一)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return CN_DIGITS[ones]
    head = "" if tens == 1 else CN_DIGITS[tens]
    return head + "十" + (CN_DIGITS[ones] if ones else "")


def cn_year(y: int) -> str:
    return "".join(CN_DIGITS[int(c)] for c in str(y))


def _ymd(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _week(d: date) -> str:
    return f"（星期{WEEKDAYS[d.weekday()]}）"


def render_range(rng: random.Random, start: date, end: date, base: date) -> str:
    """One of many ways a newspaper writes the range start..end (inclusive)."""
    same_year = start.year == end.year
    same_month = same_year and start.month == end.month
    styles = [
        lambda: f"{_ymd(start)}—{end.day}日" if same_month else f"{_ymd(start)}—{end.month}月{end.day}日",
        lambda: f"{_ymd(start)}至{_ymd(end)}",
        lambda: f"{_ymd(start)}{_week(start)}至{_ymd(end)}{_week(end)}",
        lambda: f"{start.month}月{start.day}日至{end.month}月{end.day}日",
        lambda: f"{start.month}月{start.day}日-{end.month}月{end.day}日",
        lambda: (f"{_ymd(start)}～{_ymd(end)}").translate(FULL_WIDTH),
        lambda: f"{start.year}.{start.month}.{start.day}-{end.year}.{end.month}.{end.day}",
        lambda: f"{start:%Y/%m/%d}~{end:%Y/%m/%d}",
        lambda: (
            f"{cn_year(start.year)}年{cn_number(start.month)}月{cn_number(start.day)}日至"
            f"{cn_number(end.month)}月{cn_number(end.day)}日"
        ),
        lambda: f"{start.year} 年 {start.month} 月 {start.day} 日到{end.month}月{end.day}日",
    ]
    if start == base:
        styles.append(lambda: f"即日起至{end.month}月{end.day}日")
    return rng.choice(styles)()


PLACES = [
    ("寿山镇忠诚村至礼让村路段", "寿山镇"),
    ("人民大街与福镇大路交汇处", "人民大街"),
    ("龙山区向阳路（东吉大路至北寿路段）", "向阳路"),
    ("西安区仙城大街", "仙城大街"),
    ("东辽县白泉镇新兴村", "白泉镇"),
    ("南康街道福寿社区", "福寿社区"),
    ("建安镇长春路32号至58号", "长春路"),
]
ISSUERS = [
    "吉林裕翔市政工程有限公司",
    "辽源市交通运输局",
    "国网辽源供电公司",
    "辽源市自来水公司",
    "东辽县人民政府办公室",
    "辽源市人力资源和社会保障局",
    "龙山区住房和城乡建设局",
]
NEWS = [
    "本报讯（记者 于芯）4月29日，西安区组织全体机关干部开展主题党日春季环境卫生整治活动，"
    "350余名身着红色马甲的机关干部从泰安大路出发，沿线捡拾公路两侧白色垃圾。",
    "本报讯 市就业局聚力服务企业用工，截至目前举办线上招聘会50场，为1196家企业发布用工信息5万条，"
    "需求岗位485个，年龄18-35周岁的求职者占六成，咨询电话0437-3280221。",
    "本报讯（记者 宋建立）5月5日以来，已经查处各类案件11起，打击处理11人，"
    "收缴“小广告”印刷品1100余份，G12-1号线沿线张贴行为明显减少。",
    "本报讯 到2025年，新建高标准良田100万亩以上，保证城市空气质量优良天数不少于310天，PM2.5浓度持续下降。",
]


@dataclass
class Page:
    text: str
    published: date
    periods: list[tuple[date, date]] = field(default_factory=list)


def _notice(rng: random.Random, base: date) -> tuple[str, str, tuple[date, date]]:
    """Body, title and the true period of one generated notice."""
    place, _town = rng.choice(PLACES)
    issuer = rng.choice(ISSUERS)
    start = base + timedelta(days=rng.choice([0, 0, 1, 2, 3, 5, 7]))
    end = start + timedelta(days=rng.randint(0, 40))
    when = render_range(rng, start, end, base)
    kind = rng.randrange(5)
    if kind == 0:
        title = "封路公告"
        body = (
            f"经交通警察支队批准，对{place}进行施工，施工期间对该路段进行全封闭，"
            f"请过往车辆提前绕行，注意安全。\n封闭期限：{when}\n特此公告"
        )
    elif kind == 1:
        title = "停水通知"
        body = f"因管网改造，{when}对{place}周边用户停止供水，请提前做好储水准备。"
    elif kind == 2:
        title = "招聘公告"
        body = (
            f"因工作需要，现面向社会公开招聘工作人员，计划招聘3-5人，年龄18-35周岁，"
            f"身高1.65米以上。\n报名时间：{when}（节假日除外）\n报名地址：{place}"
        )
    elif kind == 3:
        title = "公示"
        body = f"现将{place}改造项目拟中标人予以公示，公示期：{when}。如有异议请于公示期内实名反映。"
    else:
        title = "交通管制通告"
        body = f"为保障道路施工安全，{when}，对{place}实施交通管制，禁止机动车通行。\n特此通告"
    signature = f"{issuer}\n{_ymd(base)}"
    return f"{body}\n{signature}", title, (start, end)


def _wrap(rng: random.Random, text: str) -> str:
    """Break lines mid-phrase at a random column, as narrow newspaper columns do."""
    width = rng.randint(11, 18)
    out: list[str] = []
    for line in text.split("\n"):
        while len(line) > width:
            cut = width
            # Typesetting keeps a run of Latin digits together; it breaks between characters elsewhere.
            while 0 < cut < len(line) and _latin(line[cut - 1]) and _latin(line[cut]):
                cut -= 1
            cut = cut or width
            out.append(line[:cut])
            line = line[cut:]
        out.append(line)
    return "\n".join(out)


def _latin(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _spaced(title: str) -> str:
    return " ".join(title)


def make_pages(count: int, *, seed: int = 20220510) -> list[Page]:
    """``count`` pages of 2–5 notices and 1–3 news reports, with the true periods of their notices."""
    rng = random.Random(seed)
    pages: list[Page] = []
    for _ in range(count):
        base = date(2022, 1, 1) + timedelta(days=rng.randint(0, 364))
        parts: list[str] = []
        page = Page(text="", published=base)
        for _ in range(rng.randint(2, 5)):
            body, title, period = _notice(rng, base)
            shown = _spaced(title) if rng.random() < 0.5 else title
            wrapped = _wrap(rng, body)
            # Most PDF extractions put the title after the body; some keep it on top.
            parts.append(f"{wrapped}\n\n{shown}" if rng.random() < 0.7 else f"{shown}\n\n{wrapped}")
            page.periods.append(period)
        for _ in range(rng.randint(1, 3)):
            parts.insert(rng.randrange(len(parts) + 1), _wrap(rng, rng.choice(NEWS)))
        page.text = "\n\n".join(parts) + "\n"
        pages.append(page)
    return pages
