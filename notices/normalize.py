"""Character-level normalisation of newspaper text before parsing.

The map is strictly one character to one character, so ``normalize(text)`` has the
same length as ``text`` and every offset found in the result is an offset in the
original: spans reported to users point at the text they pasted.

What it does:

* full-width ASCII (``０-９``, ``Ａ-Ｚ``, ``：``, ``（）``, ``，``, ``．``, ``～`` …) becomes ASCII.
  The full-width colon becomes ``:`` on purpose: times are written ``8：00`` and
  labels ``封闭期限：``, and both then read the same way;
* every dash variant (``—``, ``–``, ``―``, ``－``, ``﹣``, ``−`` …) becomes ``-`` and the
  wave dashes (``〜``, ``∼``) become ``~``: notices use them interchangeably as range
  connectors;
* the ratio sign ``∶`` (common in typeset times) becomes ``:``, ``○``/``◯`` used as a
  zero in years become ``〇``, the ideographic and no-break spaces become spaces;
* traditional characters become simplified for the few hundred characters that
  matter to notices (dates, times, places, notice vocabulary), so one grammar reads
  both scripts.

Ideographic punctuation with no ASCII twin (``。``, ``、``, ``“”``) is kept.
"""

from __future__ import annotations

import re

# Traditional → simplified, as one string of pairs. Characters that are also
# ordinary simplified characters with another meaning (著, 乾, 瞭, 覆, 藉 …) are
# deliberately absent.
_TRAD_SIMP_PAIRS = (
    "時时號号週周於于電电條条網网點点內内個个為为後后開开關关區区縣县鎮镇鄉乡"
    "衛卫門门間间們们國国際际與与這这來来對对會会說说話话發发髮发業业東东長长"
    "車车馬马橋桥路路邊边處处辦办單单雙双節节過过還还進进運运連连達达遠远選选"
    "遞递遲迟適适遺遗邏逻鄰邻醫医釋释銀银錄录鐵铁鋼钢錢钱鍋锅鏈链鐘钟鍾钟閉闭"
    "閑闲閒闲閘闸閱阅闊阔隊队陽阳陰阴陸陆陳陈險险隨随隱隐雖虽雜杂雞鸡離离難难"
    "電电霧雾靜静響响頁页頂顶項项順顺須须預预領领頭头題题額额顏颜願愿類类顯显"
    "風风飛飞飯饭飲饮館馆養养驗验體体高高鬥斗魚鱼鳥鸟鹽盐麥麦黃黄齊齐齒齿龍龙"
    "龜龟萬万與与專专業业叢丛東东絲丝兩两嚴严喪丧豐丰臨临為为麗丽舉举義义烏乌"
    "樂乐喬乔習习鄉乡書书買买亂乱爭争於于虧亏雲云亞亚產产畝亩親亲褻亵億亿僅仅"
    "從从侖仑倉仓儀仪們们價价眾众優优夥伙會会傘伞偉伟傳传傷伤倫伦偽伪佇伫體体"
    "傭佣僉佥俠侠侶侣僥侥偵侦側侧僑侨儈侩儕侪儂侬俁俣係系俠侠倆俩儉俭債债傾倾"
    "傴伛僂偻僨偾償偿儻傥兒儿兌兑黨党蘭兰關关興兴茲兹養养獸兽囅冁內内岡冈冊册"
    "寫写軍军農农塚冢馮冯衝冲決决況况凍冻淨净淒凄涼凉減减湊凑凜凛幾几鳳凤憑凭"
    "凱凯擊击鑿凿芻刍劃划劉刘則则剛刚創创刪删別别剗刬剄刭劑剂剮剐劍剑剝剥劇剧"
    "勸劝辦办務务勱劢動动勵励勁劲勞劳勢势勳勋勩勚勻匀匭匦匱匮區区醫医華华協协"
    "單单賣卖盧卢鹵卤臥卧衛卫卻却巹卺廠厂廳厅曆历歷历厲厉壓压厭厌厙厍廁厕廂厢"
    "厴厣廈厦廚厨廄厩廝厮縣县參参靉叆靆叇雙双發发變变敘叙疊叠葉叶號号歎叹嘰叽"
    "籲吁後后嚇吓呂吕嗎吗噸吨聽听啟启吳吴嘔呕嚦呖唄呗員员咼呙嗆呛嗚呜詠咏嚨咙"
    "嚀咛噝咝響响啞哑噠哒嘵哓嗶哔噦哕嘩哗噲哙嚌哜噥哝喲哟嘮唠喎㖞嘖啧囉啰嘽啴"
    "嘯啸噴喷嘍喽嚳喾囁嗫呵呵噯嗳噓嘘嚶嘤囑嘱嚕噜團团園园囪囱圍围圇囵國国圖图"
    "圓圆聖圣壙圹場场阪阪壞坏塊块堅坚壇坛壢坜壩坝塢坞墳坟墜坠壟垄壠垅壚垆壘垒"
    "墾垦堊垩墊垫埡垭墶垯壋垱塏垲堖垴塒埘塤埙堝埚塹堑墮堕壪壪牆墙壯壮聲声殼壳"
    "壺壶壼壸處处備备復复夠够頭头誇夸夾夹奪夺奩奁奐奂奮奋獎奖奧奥妝妆婦妇媽妈"
    "嫵妩嫗妪媯妫姍姗薑姜婁娄婭娅嬈娆嬌娇孌娈娛娱媧娲嫻娴嬰婴嬋婵嬸婶媼媪嬡嫒"
    "嬪嫔嬙嫱嬤嬷孫孙學学孿孪寧宁寶宝實实寵宠審审憲宪宮宫寬宽賓宾寢寝對对尋寻"
    "導导壽寿將将爾尔塵尘嘗尝堯尧尷尴屍尸盡尽層层屜屉屆届屬属屢屡屨屦嶼屿歲岁"
    "豈岂嶇岖崗岗峴岘嶴岙嵐岚島岛嶺岭嶽岳崬岽巋岿嶨峃嶧峄峽峡嶢峣嶠峤崢峥巒峦"
    "嶗崂崍崃嶮崄嶄崭嶸嵘嶔嵚嶁嵝脊脊巔巅鞏巩幣币帥帅師师幃帏帳帐簾帘幟帜帶带"
    "幀帧幫帮幬帱幘帻幗帼幹干並并廣广莊庄慶庆廬庐廡庑庫库應应廟庙龐庞廢废廩廪"
    "開开異异棄弃張张彌弥彎弯彈弹強强歸归當当錄录彥彦徹彻徑径徠徕禦御憶忆懺忏"
    "憂忧愾忾懷怀態态慫怂憮怃慪怄悵怅愴怆憐怜總总懟怼懌怿戀恋懇恳惡恶慟恸懨恹"
    "愷恺惻恻惱恼惲恽悅悦懸悬慳悭憫悯驚惊懼惧慘惨懲惩憊惫愜惬慚惭憚惮慣惯慍愠"
    "憤愤憒愦願愿懾慑懣懑懶懒戇戆戔戋戲戏戧戗戰战戩戬戶户撲扑執执擴扩捫扪掃扫"
    "揚扬擾扰撫抚拋抛摶抟摳抠掄抡搶抢護护報报擔担擬拟攏拢揀拣擁拥攔拦擰拧撥拨"
    "擇择掛挂摯挚攣挛掗挜撾挝撻挞挾挟撓挠擋挡撟挢掙挣擠挤揮挥撏挦撈捞損损撿捡"
    "換换搗捣據据擄掳摑掴擲掷撣掸摻掺摜掼攬揽搵揾撳揿攙搀擱搁摟搂攪搅攜携攝摄"
    "攄摅擺摆搖摇擯摈攤摊攖撄撐撑攆撵擷撷擼撸攛撺擻擞攢攒敵敌斂敛數数齋斋斕斓"
    "鬥斗斬斩斷断無无舊旧時时曠旷暘旸曇昙晝昼曨昽顯显晉晋曬晒曉晓曄晔暈晕暉晖"
    "暫暂曖暧術术樸朴機机殺杀雜杂權权條条來来楊杨榪杩傑杰極极構构樅枞樞枢棗枣"
    "櫪枥梘枧棖枨槍枪楓枫梟枭櫃柜檸柠檉柽梔栀柵栅標标棧栈櫛栉櫳栊棟栋櫨栌櫟栎"
    "欄栏樹树棲栖樣样欒栾椏桠橈桡楨桢檔档榿桤橋桥樺桦檜桧槳桨樁桩夢梦檢检欞棂"
    "槨椁櫝椟槧椠槓杠樓楼欖榄櫬榇櫚榈櫸榉檯台檣樯櫻樱櫓橹櫥橱櫧槠橢椭歐欧殘残"
    "殤殇殞殒殮殓殫殚殯殡毆殴毀毁轂毂畢毕斃毙氈毡毿毵氣气氫氢氬氩匯汇漢汉湯汤"
    "溝沟沒没灃沣漚沤瀝沥淪沦滄沧渢沨溈沩滬沪濘泞淚泪澩泶瀧泷瀘泸濼泺瀉泻潑泼"
    "澤泽涇泾潔洁灑洒窪洼浹浃淺浅漿浆澆浇湞浈濁浊測测澮浍濟济瀏浏渾浑滸浒濃浓"
    "潯浔塗涂濤涛澇涝淶涞漣涟潿涠渦涡渙涣滌涤潤润澗涧漲涨澀涩淵渊漬渍瀆渎漸渐"
    "漁渔瀋沈滲渗溫温灣湾濕湿潰溃濺溅滯滞滿满瀠潆灄滠滅灭濾滤濫滥灘滩澦滪瀕濒"
    "灕漓瀟潇瀾澜瀲潋灩滟災灾為为烏乌煉炼煒炜煙烟燭烛爐炉燦灿燁烨熱热煥焕燜焖"
    "燒烧營营燈灯爛烂爍烁牽牵犧牺狀状獷犷猶犹狹狭獄狱獨独獲获獵猎豬猪貓猫獻献"
    "獺獭璣玑瑪玛瑋玮環环現现璽玺琺珐瓏珑璫珰琿珲瑣琐瓊琼璦瑷甕瓮甌瓯電电畫画"
    "暢畅疇畴癤疖療疗瘧疟癘疠瘍疡瘡疮瘋疯皰疱癰痈痙痉癢痒瘂痖癆痨瘓痪癇痫癱瘫"
    "癮瘾皚皑皺皱盞盏鹽盐監监蓋盖盤盘矚瞩睜睁瞞瞒礦矿碼码磚砖礎础碩硕確确礙碍"
    "磯矶禮礼禍祸禪禅離离禿秃種种積积稱称穢秽穩稳穫获窩窝窮穷竅窍竄窜竊窃競竞"
    "筆笔筍笋箏筝簡简築筑篩筛籌筹簽签籃篮糧粮糾纠紀纪紅红約约級级紡纺紋纹純纯"
    "紙纸納纳紛纷線线組组細细織织終终紹绍經经結结給给絡络絕绝統统絲丝綁绑維维"
    "綠绿緊紧緒绪續续綜综綿绵緣缘編编練练縮缩總总績绩繳缴罰罚羅罗罷罢聯联聞闻"
    "職职聽听腦脑膚肤脅胁脫脱臉脸膽胆臟脏艙舱艱艰蘆芦蘇苏蘋苹範范薦荐葯药萬万"
    "蕭萧藝艺蘊蕴號号蟲虫術术補补製制複复襪袜見见規规視视覺觉覽览觀观計计訂订"
    "認认討讨讓让訓训議议訊讯記记講讲許许論论設设訪访證证評评識识詞词試试詢询"
    "該该詳详語语誤误說说請请諸诸讀读課课誰谁調调談谈謝谢證证謀谋譯译護护讚赞"
    "豐丰貝贝負负財财貢贡貧贫貨货販贩責责貫贯貴贵費费貼贴貿贸賀贺資资賃赁賈贾"
    "賠赔賞赏賬账質质賴赖購购賽赛贈赠贏赢趙赵趕赶躍跃蹤踪車车軌轨軟软較较載载"
    "輔辅輕轻輛辆輸输轄辖轉转轎轿辭辞農农邊边遼辽鄭郑鄰邻醜丑釘钉針针鈔钞鈴铃"
    "鉛铅銷销鋪铺鋁铝錯错鍵键鎖锁鏡镜鑰钥長长門门閃闪閉闭問问閑闲間间閘闸閣阁"
    "闆板關关闡阐陣阵階阶際际隊队陽阳隨随險险隸隶雞鸡雜杂難难雲云電电霧雾靈灵"
    "韓韩頁页頂顶項项順顺須须預预頒颁領领頻频顆颗題题顏颜類类顧顾風风颱台飄飘"
    "飛飞飯饭飲饮飽饱餅饼館馆饑饥馬马駐驻駕驾騎骑驗验騰腾驅驱髒脏鬧闹魯鲁鮮鲜"
    "鳳凤鴻鸿鵬鹏麥麦黃黄點点齊齐齡龄龍龙龐庞"
    "週周禮礼拜拜晝昼夜夜曆历誌志鑒鉴鑑鉴寫写歡欢氣气燈灯範范謹谨啓启啟启"
    "爲为僞伪裏里裡里衆众綫线鬆松麵面颳刮鬍胡鬚须捲卷摺折迴回囘回覈核彙汇匯汇"
    "麼么徵征誠诚採采準准繞绕駛驶遊游藍蓝陝陕繫系遷迁諮咨詢询"
)


def _build_table() -> dict[int, int]:
    table: dict[int, int] = {}
    pairs = _TRAD_SIMP_PAIRS
    for i in range(0, len(pairs) - 1, 2):
        trad, simp = pairs[i], pairs[i + 1]
        if trad != simp:
            table[ord(trad)] = ord(simp)
    # Full-width ASCII block U+FF01..U+FF5E maps onto U+0021..U+007E.
    for code in range(0xFF01, 0xFF5F):
        table[code] = code - 0xFEE0
    dashes = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\u2500\u2501\u23af"
    for ch in dashes:
        table[ord(ch)] = ord("-")
    for ch in "\u301c\u223c\u02dc":
        table[ord(ch)] = ord("~")
    for ch in "\u2236\ufe55\ufe13":
        table[ord(ch)] = ord(":")
    for ch in "\u25cb\u25ef\u3007":
        table[ord(ch)] = ord("〇")
    for ch in "\u3000\u00a0\u2002\u2003\u2009\u202f":
        table[ord(ch)] = ord(" ")
    for ch in "\ufe59\u207d":
        table[ord(ch)] = ord("(")
    for ch in "\ufe5a\u207e":
        table[ord(ch)] = ord(")")
    table[ord("\ufe50")] = ord(",")
    table[ord("\ufe52")] = ord(".")
    return table


_TABLE = _build_table()
_MAP = {chr(k): chr(v) for k, v in _TABLE.items()}
# One scan for the characters that change and a lookup per hit is several times
# faster than str.translate's per-character lookups on mostly-CJK text.
_CHANGING = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_MAP)) + "]")


def _swap(match: re.Match[str]) -> str:
    return _MAP[match.group()]


def normalize(text: str) -> str:
    """Same length as ``text``; see the module docstring for what is mapped and why."""
    return _CHANGING.sub(_swap, text)
