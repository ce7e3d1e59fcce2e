"""Words that end like a place name but name none (道路, 呼吸道, 用路人), and the words around a
suffix that make a stretch of text a description rather than a name (以下路段, 住宅小区)."""

from __future__ import annotations

#: Words that end like a place but name none.
_GENERIC = frozenset(
    {
        "道路",
        "公路",
        "线路",
        "马路",
        "铁路",
        "网路",
        "思路",
        "出路",
        "进路",
        "通路",
        "水路",
        "电路",
        "一路",
        "回路",
        "干路",
        "支路",
        "环路",
        "农村",
        "乡村",
        "城乡",
        "乡镇",
        "城镇",
        "集镇",
        "街道",
        "社区",
        "小区",
        "广场",
        "辖区",
        "城区",
        "市区",
        "园区",
        "景区",
        "片区",
        "地区",
        "灾区",
        "校区",
        "商区",
        "区",
        "市",
        "县",
        "省",
        "上街",
        "逛街",
        "沿街",
        "临街",
        "大街",
        "大路",
        "路口",
        "桥",
        "高速",
        "大道",
        "花园",
        "家园",
        "公寓",
        "大厦",
        "城市",
        "超市",
        "都市",
        "门市",
        "上市",
        "全市",
        "本市",
        "我市",
        "该市",
        "全区",
        "本区",
        "我区",
        "全县",
        "本县",
        "我县",
        "全省",
        "本省",
        "我省",
        "全镇",
        "本镇",
        "全村",
        "本村",
        "该村",
        "各村",
        "村村",
        "新村",
        "封路",
        "修路",
        "绕路",
        "断路",
        "筑路",
        "养路",
        "护路",
        "辅路",
        "主路",
        "便道",
        "用路",
        "返乡",
        "占道",
        "出道",
        "国道",
        "省道",
        "县道",
        "乡道",
        "村道",
        "国省道",
        "高速公路",
        # words ending in 道 that name no road: passages, channels, lanes of a carriageway
        "主道",
        "次道",
        "车道",
        "通道",
        "人行道",
        "管道",
        "渠道",
        "轨道",
        "赛道",
        "频道",
        "呼吸道",
        "知道",
        "报道",
        "味道",
    }
)


#: Classes of road, no road's name: a bridge or section after one (国省道桥) names nothing either.
_ROAD_CLASSES = frozenset({"国道", "省道", "县道", "乡道", "村道", "国省道", "公路", "道路", "高速公路"})


#: The longer generic words, refused as the end of a longer stretch too (预防呼吸道).
_GENERIC_TAILS = tuple(w for w in _GENERIC if len(w) >= 3)


#: Generic two-character tails that are also the end of real names (金水路, 人民一路, 二环路).
_NAMED_TAILS = frozenset({"水路", "一路", "环路"})


_MAX_NAME = 8


#: Function words no place name starts with (unlike 和平路, 向阳路, 自由大路, 沿江路).
_NEVER_FIRST = frozenset("对该此本其的了在请将于从即是各全凡我这")


_ROAD_COMPOUNDS = frozenset("灯面况线基网政费径标牌景")


_ROADS = frozenset({"路", "街", "大路", "大街", "大道", "道", "巷", "胡同"})


#: Qualifiers that make "住宅小区", "周边道路" descriptions rather than names.
_GENERIC_NAMES = frozenset(
    {
        "住宅",
        "居民",
        "老旧",
        "新建",
        "周边",
        "附近",
        "相关",
        "所属",
        "所在",
        "辖区",
        "部分",
        "沿线",
        "各个",
        "城市",
        "农村",
    }
)


#: Words that end a description, never a name: "以下路段", "施工路段", "上述小区", "拥堵路段".
_NOT_NAME_TAILS = (
    "以下",
    "下列",
    "上述",
    "以上",
    "如下",
    "有关",
    "其他",
    "其它",
    "所有",
    "个别",
    "全部",
    "主要",
    "重点",
    "管制",
    "封闭",
    "施工",
    "限行",
    "禁行",
    "通行",
    "维修",
    "改造",
    "涉及",
    "途经",
    "影响",
    "拥堵",
    "受损",
    "损毁",
    "水毁",
    "塌方",
    "事故",
    "多发",
    "危险",
    "临时",
    "这些",
    "此次",
    "本次",
    "以内",
    "范围内",
)


#: 道 ends a road's name (弥敦道) but also 车道, 隧道, 渠道, 报道 …
_NOT_BEFORE_DAO = frozenset("车行隧通轨渠报知味频管赛步绿人坡匝街跑航水门栈索借改绕让辅便")
