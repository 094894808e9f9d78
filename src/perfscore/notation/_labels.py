"""Comparing labels and names across traditional and simplified characters (應保盡保 = 应保尽保).

Published tables, and the results typed against them, mix traditional and simplified forms,
full-width letters and stray spaces. [simplified][perfscore.notation.simplified] folds a text
into the form perfscore compares labels in: full-width forms folded, white space removed, and
traditional characters replaced one by one with their simplified forms.

The character table below covers the characters of government performance tables (budget,
personnel, services, quality, counting words) — a character-by-character mapping is enough for
labels, where phrase-level conversion (OpenCC's) would add a compiled dependency for no gain. A
character missing from it compares as itself; add it here.

>>> simplified("應保盡保"), same_label("應保盡保", "应保尽保")
('应保尽保', True)
>>> same_label(" 有效 實施 ", "有效实施"), same_label("优", "良")
(True, False)
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from ._tokenizer import fold

__all__ = ["TRADITIONAL", "same_label", "simplified", "simplified_characters"]

# Traditional characters and their simplified forms, position by position.
_TRADITIONAL: Final = (
    "應盡種類個項條張戶處輛臺場輪億萬與並於為會來東車長門問間關開開們價値值優劣壞質費貴買賣"
    "資財貸錢銀幣帳賬單據稅務經濟濟濟營業專業學習書讀寫說話語認識記錄錄檢驗測評審計劃畫劃規範"
    "範圍園區縣鄉鎮村莊務衛醫療療藥護養老殘廢疾貧窮困難災險環境綠態氣溫濕淨潔汙污染廠礦電網線"
    "路橋隧運輸鐵達標準確實際現實實施設備裝機構織組級層導領導員職責權責義務調查統計數據產出效"
    "益滿意度時成本數量質量社會經濟生態可持續影響響應響對象服務群眾戶籍就業創業補貼補助扶貧脫"
    "貧監督檢查執行預算決結餘轉移支付項目續辦理處置發展規劃計劃預警報告歸檔檔案圖書館體育運動"
    "場館廣播電視節護林防火災害險情搶險維修養護建設竣驗收質監視頻網絡訊息訊號傳遞通過達到實現"
    "積極穩定鞏固擴大減少降低提高增長加強改善顯著較強顯現總體綜合協調機制體係係統籌規範化標準"
    "化專項資金撥付撥款時效及時準時按時逾期違規違紀違法舉報投訴糾紛調解處理辦結率覆蓋蓋滿足達"
    "成預期指標並具有一定效果較差"
    "訓練課論證讓議補貼編輔職齡齊團隊麗龍歲鄰陽陰雙雜離難顧題額風飛飯馬體髮鬥魚鳥鹽麥黃點黨齒視聽說興舉蘭藝術夥幫腦腳臨藍蟲衝術裡裏複製準衛護師資質級網頁項庫備註際僅優惠無為們這那裡還過時間個"
    "參績內銷獎懲農聯繫觀勞愛見稱況來陳區縣鄉鎮則價値邊選適當歷舊"
    "釋證鑒"
)
_SIMPLIFIED: Final = (
    "应尽种类个项条张户处辆台场轮亿万与并于为会来东车长门问间关开开们价值值优劣坏质费贵买卖"
    "资财贷钱银币帐账单据税务经济济济营业专业学习书读写说话语认识记录录检验测评审计划画划规范"
    "范围园区县乡镇村庄务卫医疗疗药护养老残废疾贫穷困难灾险环境绿态气温湿净洁污污染厂矿电网线"
    "路桥隧运输铁达标准确实际现实实施设备装机构织组级层导领导员职责权责义务调查统计数据产出效"
    "益满意度时成本数量质量社会经济生态可持续影响响应响对象服务群众户籍就业创业补贴补助扶贫脱"
    "贫监督检查执行预算决结余转移支付项目续办理处置发展规划计划预警报告归档档案图书馆体育运动"
    "场馆广播电视节护林防火灾害险情抢险维修养护建设竣验收质监视频网络讯息讯号传递通过达到实现"
    "积极稳定巩固扩大减少降低提高增长加强改善显著较强显现总体综合协调机制体系系统筹规范化标准"
    "化专项资金拨付拨款时效及时准时按时逾期违规违纪违法举报投诉纠纷调解处理办结率覆盖盖满足达"
    "成预期指标并具有一定效果较差"
    "训练课论证让议补贴编辅职龄齐团队丽龙岁邻阳阴双杂离难顾题额风飞饭马体发斗鱼鸟盐麦黄点党齿视听说兴举兰艺术伙帮脑脚临蓝虫冲术里里复制准卫护师资质级网页项库备注际仅优惠无为们这那里还过时间个"
    "参绩内销奖惩农联系观劳爱见称况来陈区县乡镇则价值边选适当历旧"
    "释证鉴"
)
#: Each traditional character the labels are read in, with its simplified form (the one table
#: of them: comparing labels and importing tables both read through it).
TRADITIONAL: Final[dict[str, str]] = {
    t: s for t, s in zip(_TRADITIONAL, _SIMPLIFIED, strict=True) if t != s
}
_TO_SIMPLIFIED: Final[dict[int, str]] = {ord(t): s for t, s in TRADITIONAL.items()}


# A character's pinyin in brackets after it, as some mirror sites print it (項(xiàng)目): a
# lower-case syllable with a tone mark, after a CJK character.
_PINYIN: Final = re.compile(
    r"(?<=[\u3400-\u9fff])[(（][a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*[)）]"
)


def simplified(text: str) -> str:
    """``text`` in the form labels are compared in: folded, without spaces, simplified, and
    without a character's pinyin printed after it.

    >>> simplified("一級 指標(biāo)")
    '一级指标'
    """
    folded = "".join(fold(unicodedata.normalize("NFC", text)).split())
    return _PINYIN.sub("", folded).translate(_TO_SIMPLIFIED)


def simplified_characters(text: str) -> tuple[str, str]:
    """``text`` with its traditional characters (those of this module's table) replaced by their
    simplified forms, nothing else changed; and the characters replaced, sorted, once each.

    >>> simplified_characters("一級指標 產出")
    ('一级指标 产出', '標產級')
    """
    changed = "".join(sorted({c for c in text if ord(c) in _TO_SIMPLIFIED}))
    return (text.translate(_TO_SIMPLIFIED), changed) if changed else (text, "")


def same_label(a: str, b: str) -> bool:
    """Whether two labels are the same text up to script, full-width forms and spaces."""
    return simplified(a) == simplified(b)
