"""Personal identifiers in every format the redaction covers, and Hypothesis strategies for valid
ones and for statistics that must stay as written (invented numbers, checksums computed here)."""
from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from governance_kit.export.redaction import PROVINCES, id_check_digit, luhn_ok


def with_id_check(first17: str) -> str:
    return first17 + id_check_digit(first17)


def with_luhn(body: str) -> str:
    return body + next(d for d in "0123456789" if luhn_ok(body + d))


ID18 = with_id_check("32092419900101123")
ID18_X = next(with_id_check(f"1101051949123{n:03d}0") for n in range(200) if id_check_digit(f"1101051949123{n:03d}0") == "X")
CARD19 = with_luhn("622202123456789012")
CARD16 = with_luhn("622848001234567")
BAD_ACCOUNT = next(f"62170000100123{n:05d}" for n in range(100) if not luhn_ok(f"62170000100123{n:05d}"))

# (kind, the identifier as written, a sentence holding it)
FORMATS = [
    ("mobile", "13912345678", "网格员联系电话13912345678。"),
    ("mobile", "+86 139-1234-5678", "境外来电请拨+86 139-1234-5678。"),
    ("mobile", "+8613712345678", "短信号码+8613712345678,请勿回复。"),
    ("mobile", "136 1234 5678", "村民可拨打 136 1234 5678 反映问题。"),
    ("mobile", "135-1234-5678", "调解员手机:135-1234-5678。"),
    ("landline", "0511-87654321", "值班电话0511-87654321。"),
    ("landline", "0511 87654321", "办公室电话 0511 87654321 全天有人。"),
    ("landline", "(0512)23456789", "咨询电话(0512)23456789。"),
    ("landline", "（0513）34567891", "服务站电话（0513）34567891。"),
    ("landline", "051334567890", "传真051334567890。"),
    ("landline", "010-62345678", "联络处010-62345678。"),
    ("landline", "+86 10 62345678", "海外联系+86 10 62345678。"),
    ("service", "400-123-4567", "物业服务热线400-123-4567。"),
    ("service", "4008208820", "客服电话4008208820。"),
    ("service", "800-820-8820", "免费电话800-820-8820。"),
    ("id_card", ID18, f"申请人身份证号码{ID18},已核验。"),
    ("id_card", ID18_X, f"证件{ID18_X}已登记。"),
    ("id_card", f"{ID18[:6]} {ID18[6:14]} {ID18[14:]}", f"居民 {ID18[:6]} {ID18[6:14]} {ID18[14:]} 已入户。"),
    ("id_card", "320924900101123", "旧证号码320924900101123仍可使用。"),
    ("bank_card", CARD19, f"补贴打入{CARD19}账户。"),
    ("bank_card", " ".join(CARD16[i:i + 4] for i in range(0, 16, 4)), f"卡 {' '.join(CARD16[i:i + 4] for i in range(0, 16, 4))} 已冻结。"),
    ("bank_card", BAD_ACCOUNT, f"银行账号:{BAD_ACCOUNT}。"),
    ("email", "zhangsan@example.com", "材料发送至zhangsan@example.com。"),
    ("qq", "87654321", "志愿者QQ:87654321。"),
    ("wechat", "wx_lisi2024", "添加微信号:wx_lisi2024 报名。"),
    ("name", "张三丰", "联系人:张三丰,电话见上。"),
    ("name", "欧阳娜娜", "经办人欧阳娜娜同志负责登记。"),
]

UNITS = ["元", "万元", "亿元", "个", "名", "户", "人", "次", "件", "%", "年", "吨", "亩", "平方米", "余人"]
SENTENCES = ["{year}年GDP {n} 元。", "全县共划分网格{n}个,配备专职网格员{m}名。", "{year}年全镇实现产值{n}{unit}。",
             "累计投入资金{n}.{d}亿元,同比增长{d}.{m}%。", "第{m}号文件自{year}年{month}月{day}日起施行。",
             "全市常住人口{n}{unit},户籍人口{m}{unit}。", "辖区共有{n} {unit},{m}个网格。"]


@st.composite
def statistics(draw) -> str:
    """A sentence of statistics: figures with units, years, dates, decimals (nothing personal)."""
    template = draw(st.sampled_from(SENTENCES))
    return template.format(year=draw(st.integers(1949, 2030)), n=draw(st.integers(0, 10 ** 19)),
                           m=draw(st.integers(0, 99999)), d=draw(st.integers(0, 99)),
                           month=draw(st.integers(1, 12)), day=draw(st.integers(1, 28)),
                           unit=draw(st.sampled_from(UNITS)))


digits = st.text("0123456789", min_size=1, max_size=1)


def _sep(draw):
    return draw(st.sampled_from(["", " ", "-"]))


@st.composite
def mobiles(draw) -> str:
    number = draw(st.sampled_from("3456789")) + "".join(draw(st.lists(digits, min_size=9, max_size=9)))
    number = "1" + number
    sep = _sep(draw)
    body = number[:3] + sep + number[3:7] + sep + number[7:]
    return draw(st.sampled_from(["", "+86", "+86 ", "0086", "+86-"])) + body


@st.composite
def landlines(draw) -> str:
    area = draw(st.sampled_from(["010", "021", "025", "0511", "0512", "0513", "0755", "0931"]))
    local = draw(st.sampled_from("2345678")) + "".join(draw(st.lists(digits, min_size=7 if len(area) == 3 else 6,
                                                                      max_size=7)))
    style = draw(st.sampled_from(["{a}-{l}", "{a} {l}", "({a}){l}", "（{a}）{l}", "{a}{l}"]))
    return style.format(a=area, l=local)


@st.composite
def id_numbers(draw) -> str:
    born = draw(st.dates(date(1900, 1, 1), date(2020, 12, 31)))
    area = draw(st.sampled_from(sorted(PROVINCES))) + "".join(draw(st.lists(digits, min_size=4, max_size=4)))
    seq = "".join(draw(st.lists(digits, min_size=3, max_size=3)))
    if draw(st.booleans()) and born.year < 2000:
        return area + born.strftime("%y%m%d") + seq
    number = with_id_check(area + born.strftime("%Y%m%d") + seq)
    return draw(st.sampled_from([number, f"{number[:6]} {number[6:14]} {number[14:]}"]))


@st.composite
def bank_cards(draw) -> str:
    length = draw(st.sampled_from([16, 17, 18, 19]))
    prefix = draw(st.sampled_from(["62", "4", "51", "55", "35", "9"]))
    body = prefix + "".join(draw(st.lists(digits, min_size=length - len(prefix) - 1, max_size=length - len(prefix) - 1)))
    card = with_luhn(body)
    return draw(st.sampled_from([card, " ".join(card[i:i + 4] for i in range(0, len(card), 4))]))


@st.composite
def emails(draw) -> str:
    local = draw(st.from_regex(r"[a-z][a-z0-9._]{2,12}[a-z0-9]", fullmatch=True))
    return local + "@" + draw(st.sampled_from(["example.com", "163.com", "qq.com", "gov.cn", "mail.example.org"]))


@st.composite
def service_numbers(draw) -> str:
    rest = "".join(draw(st.lists(digits, min_size=7, max_size=7)))
    head = draw(st.sampled_from(["400", "800"]))
    sep = _sep(draw)
    return head + sep + rest[:3] + sep + rest[3:]


IDENTIFIERS = {"mobile": mobiles(), "landline": landlines(), "id_card": id_numbers(), "bank_card": bank_cards(),
               "email": emails(), "service": service_numbers()}
CONTEXTS = ["联系电话:{x}。", "如有疑问请联系 {x},谢谢。", "{x}", "居民反映({x})问题已解决。", "材料寄至{x};逾期不候。"]
