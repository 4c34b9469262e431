"""Synthetic web pages with every line labelled chrome (1) or body (0), for scripts/train_chrome_model.py.

A page wraps a stretch of a real document of the kit (the bundled seeds and the invented reports of
tests/data, as the cleaner prepares them) in the furniture of one of several site layouts: government
portal, county news site with an app, e-paper, journal mirror, Discuz forum, WeChat repost, repost
aggregator — plus pages with no chrome at all (policy documents with tables and signatures, interview
transcripts, novel chapters), whose short lines are body. Names, sections and numbers are drawn at
random from invented pools; nothing here is copied from a real page.
"""
from __future__ import annotations

import random
import string

PLACES = ["清溪", "桐溪", "云岭", "河阳", "石门", "临江", "东坪", "柳川", "南湖", "青山", "白沙", "龙泉", "松阳", "平川", "西塘"]
LEVELS = ["县", "市", "区", "镇", "乡"]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文斌宇浩凯鑫晨欣怡梓涵子轩雨萱思远海燕红梅志强春花金凤玉兰德成"
SECTIONS = ["时政", "要闻", "民生", "政务公开", "乡村振兴", "基层治理", "专题专栏", "图片新闻", "视频", "互动交流", "办事服务", "通知公告",
            "部门动态", "乡镇动态", "媒体聚焦", "理论", "评论", "社会", "经济", "文化", "法治", "党建", "数据发布", "政策解读"]
JOURNALS = ["乡村治理研究", "基层政权建设", "社会治理论丛", "公共管理评论", "农村经济与社会", "地方治理", "城市观察", "党政研究"]
FORUM_TITLES = ["新手上路", "注册会员", "中级会员", "高级会员", "金牌会员", "论坛元老", "版主", "超级版主"]
ODD = "!$%&'()*+,-.:;<=>?@[]^_`{|}~"


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _place(rng: random.Random) -> str:
    return rng.choice(PLACES) + rng.choice(LEVELS)


def _date(rng: random.Random, style: int | None = None) -> str:
    y, m, d = rng.randint(2008, 2025), rng.randint(1, 12), rng.randint(1, 28)
    style = rng.randint(0, 3) if style is None else style
    if style == 0:
        return f"{y}-{m:02d}-{d:02d}"
    if style == 1:
        return f"{y}年{m}月{d}日"
    if style == 2:
        return f"{y}/{m}/{d} {rng.randint(0, 23)}:{rng.randint(0, 59):02d}"
    return f"{y}-{m}-{d} {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}"


def _sep(rng: random.Random) -> str:
    return rng.choice([" ", "  ", " | ", "|", " · ", " / ", "　"])


def _nav(rng: random.Random) -> str:
    items = rng.sample(SECTIONS, rng.randint(3, 9))
    if rng.random() < 0.6:
        items.insert(0, rng.choice(["首页", "网站首页", "主页"]))
    return _sep(rng).join(items)


def _crumb(rng: random.Random) -> str:
    lead = rng.choice(["当前位置", "您的位置", "您现在的位置", "当前所在", "所在位置", "位置", ""])
    arrow = rng.choice([" > ", ">", " >> ", " » ", " / ", " → ", "＞"])
    parts = [rng.choice(["首页", "网站首页", "主页"])] + rng.sample(SECTIONS, rng.randint(1, 3))
    if rng.random() < 0.4:
        parts.append("正文")
    crumb = arrow.join(parts) + (arrow.strip() if rng.random() < 0.2 else "")
    return f"{lead}{rng.choice([':', '：', ' :', ''])}{crumb}" if lead else crumb


def _watermark(rng: random.Random) -> str:
    pieces = []
    for _ in range(rng.randint(3, 9)):
        pieces.append(rng.choice(string.ascii_letters + string.digits) + rng.choice(ODD + string.ascii_letters + string.digits))
    return rng.choice(["", "- ", "* ", "3 "]) + " ".join(pieces)


def _site(rng: random.Random) -> str:
    place = _place(rng)
    return rng.choice([f"{place}人民政府", f"{place}人民政府门户网站", f"{place}融媒体中心", f"{place}新闻网", f"{place}在线",
                       f"中国{rng.choice(PLACES)}网", f"{rng.choice(PLACES)}信息港", f"{place}政务网"])


def _title(rng: random.Random) -> str:
    place = _place(rng)
    topic = rng.choice(["网格化管理", "村务公开", "积分制", "议事协商", "矛盾调解", "红色物业", "乡村治理", "接诉即办", "村规民约"])
    return rng.choice([f"{place}扎实推进{topic}工作", f"{place}:{topic}让群众更满意", f"关于{place}{topic}的调查与思考",
                       f"{topic}的{place}实践", f"{place}召开{topic}工作推进会"])


def _gov_portal(rng: random.Random):
    head = [_site(rng), rng.choice(["设为首页 | 加入收藏", "无障碍 长者模式", "English 繁体 手机版", "登录 注册"]), _nav(rng), _crumb(rng)]
    head += rng.sample([f"发布时间:{_date(rng)}", f"来源:{_place(rng)}人民政府办公室", f"浏览次数:{rng.randint(1, 9999)}",
                        f"字号:大 中 小", "【字体:大 中 小】", f"索引号:{rng.randint(10**8, 10**9)}/{rng.randint(2010, 2025)}-{rng.randint(1, 999):05d}",
                        f"发布机构:{_place(rng)}民政局", "打印本页 关闭窗口", "分享到:"], rng.randint(2, 5))
    tail = rng.sample(["【打印本页】 【关闭窗口】", "[ 打印 ] [ 关闭 ]", "相关链接", "扫一扫在手机打开当前页", "上一篇:" + _title(rng),
                       "下一篇:" + _title(rng), "返回顶部", f"主办单位:{_place(rng)}人民政府办公室", f"承办单位:{_place(rng)}大数据中心",
                       f"版权所有:{_site(rng)}", f"网站标识码:{rng.randint(10**9, 10**10)}", f"{rng.choice(PLACES)}ICP备{rng.randint(10**7, 10**8)}号",
                       f"{rng.choice(PLACES)}公网安备 {rng.randint(10**13, 10**14)}号", "网站地图 | 联系我们 | 隐私声明",
                       f"联系电话:0{rng.randint(100, 999)}-{rng.randint(1000000, 9999999)}", "技术支持:某某信息技术有限公司"], rng.randint(3, 8))
    if rng.random() < 0.5:
        tail[1:1] = [_title(rng) for _ in range(rng.randint(2, 4))]  # related-article links
    return head, tail, []


def _county_app(rng: random.Random):
    head = [rng.choice([f"{_site(rng)} APP下载", "APP下载", "客户端下载", "下载APP"]), _nav(rng)]
    if rng.random() < 0.5:
        head.append(_crumb(rng))
    head.append(rng.choice([f"{_date(rng)} 来源:{_site(rng)}", f"{_date(rng)}", f"作者:{_name(rng)} {_date(rng)}", f"阅读量{rng.randint(10, 99999)}次"]))
    tail = [rng.choice([f"(编辑 {_name(rng)})", f"(责任编辑:{_name(rng)})", f"编辑:{_name(rng)}", f"责编:{_name(rng)}"])]
    if rng.random() < 0.6:
        tail += [f"一审:{_name(rng)}", f"二审:{_name(rng)}", f"三审:{_name(rng)}"] if rng.random() < 0.5 else [f"一审:{_name(rng)} 二审:{_name(rng)} 三审:{_name(rng)}"]
    tail += rng.sample(["分享到:", "扫一扫 分享到微信", "返回顶部", "TOP", "相关新闻", f"版权所有 {_site(rng)}", "点赞", f"评论({rng.randint(0, 99)})"], rng.randint(1, 4))
    return head, tail, []


def _epaper(rng: random.Random):
    edition = f"第{rng.choice('ABCD')}{rng.randint(1, 16)}版:{rng.choice(SECTIONS)}"
    head = [rng.choice([f"{_date(rng, 1)} 星期{rng.choice('一二三四五六日')}", _date(rng, 1)]),
            rng.choice([edition, f"{edition} 上一版{rng.randint(1, 9)}  {rng.randint(1, 9)}下一版", "上一版  下一版"]),
            rng.choice(["标题导航", "版面导航", "本版新闻"])]
    head += [_title(rng) for _ in range(rng.randint(0, 3))]
    head += rng.sample(["放大 缩小 默认", "内容检索:", "往期回顾", "返回目录", f"{rng.randint(1, 9)} 上一篇  下一篇 {rng.randint(1, 9)}"], rng.randint(1, 3))
    tail = rng.sample(["上一篇  下一篇", ">>返回首页", "放大 缩小 默认", f"版权所有 {rng.choice(PLACES)}日报社", "返回目录", "本版其他文章"], rng.randint(1, 4))
    if rng.random() < 0.5:  # the page's toolbar again under the article
        tail.insert(0, head[-1])
    return head, tail, []


def _journal(rng: random.Random):
    journal = rng.choice(JOURNALS)
    head = [rng.choice(["论文网", "期刊网", "学术之家", "论文中心", f"{journal}杂志社"]), rng.choice(["APP下载", "投稿", "登录 | 注册"]),
            rng.choice([f"首页 > 期刊 > {journal} > {rng.randint(2005, 2024)}年第{rng.randint(1, 12)}期", f"首页 {rng.choice(SECTIONS)}毕业{rng.choice(SECTIONS)}正文", _crumb(rng)])]
    head += rng.sample([f"• 阅读量{rng.randint(10, 9999)}次", f"• 评分{rng.randint(1, 5)}", f"{rng.randint(0, 99)}", "• 投稿", f"下载次数:{rng.randint(0, 999)}",
                        f"{journal} {rng.randint(2005, 2024)}年{rng.randint(1, 12)}期"], rng.randint(1, 4))
    tail = rng.sample(["相关文章", "免费论文", "论文发表", "在线投稿", "返回顶部", f"Copyright © {rng.randint(2010, 2025)} 论文网 版权所有"], rng.randint(1, 3))
    return head, tail, []


def _forum(rng: random.Random):
    head = ["Discuz! Board" if rng.random() < 0.5 else f"{rng.choice(PLACES)}论坛", "找回密码", "立即注册", "搜索"]
    head += [rng.choice(["热搜: 活动 交友 招聘", "热搜: 二手 租房 美食", "本版 帖子 用户"])]
    head += [f"查看: {rng.randint(1, 999)}|回复: {rng.randint(0, 99)}", "[复制链接]"]
    head += rng.sample([str(rng.randint(0, 9999)), "主题", "帖子", str(rng.randint(0, 9999)), "积分", rng.choice(FORUM_TITLES),
                        f"Rank: {rng.randint(1, 9)}Rank: {rng.randint(1, 9)}", f"发表于 {_date(rng, 3)}", "只看该作者", "倒序浏览", "阅读模式"], rng.randint(4, 9))
    inline = [_watermark(rng) for _ in range(rng.randint(1, 4))]
    stats = [str(rng.randint(0, 9999)), rng.choice(["主题", "帖子", "积分", "精华", "金钱"])]
    inline += stats * rng.randint(1, 2)  # a poster's statistics, repeated for each post
    tail = rng.sample(["回复 举报", "使用道具 举报", "返回列表", "高级模式", "您需要登录后才可以回帖 登录 | 立即注册", "发表回复", "返回顶部"], rng.randint(2, 4))
    return head, tail, inline


def _wechat(rng: random.Random):
    head = [rng.choice([f"原创 {_name(rng)} {_site(rng)}", f"{_site(rng)}"]), rng.choice([_date(rng, 0), f"{_date(rng, 3)} 发表于{rng.choice(PLACES)}"]),
            rng.choice(["点击上方蓝字关注我们", "收录于合集", "关注我们"])]
    tail = rng.sample([f"来源:{_site(rng)}", f"编辑:{_name(rng)}", f"审核:{_name(rng)}", "往期推荐", "长按识别二维码关注", "分享 收藏 点赞 在看",
                       "阅读原文", "喜欢此内容的人还喜欢"], rng.randint(2, 5))
    return head, tail, []


def _aggregator(rng: random.Random):
    site = rng.choice(PLACES) + rng.choice(["资讯网", "信息网", "内参", "头条"])
    head = [f"欢迎来到{site}!" if rng.random() < 0.5 else f"欢迎访问{site}", site, _crumb(rng)]
    tail = [f"原文链接:https://www.{''.join(rng.choice(string.ascii_lowercase) for _ in range(6))}.gov.cn/{rng.randint(100000, 999999)}.html",
            rng.choice([f"[免责声明] 本文来源于网络转载,仅供学习交流使用,版权归原作者所有。", f"*本网站部分内容转载自其他网站,如有侵权请联系删除。",
                        f"【本文由{site}收集自网络,如有侵权,请联系本站删除】", f"声明:本站转载文章仅为传递信息,不代表本站观点。"])]
    inline = [rng.choice(["(资料图)", "(图片来源网络)", "图片来源:网络", f"({_site(rng)} 供图)", "![]()", "![](image.png)", "[图片]", "[视频]"])] if rng.random() < 0.5 else []
    return head, tail, inline


CHROME_LAYOUTS = {"gov_portal": _gov_portal, "county_app": _county_app, "epaper": _epaper, "journal": _journal,
                  "forum": _forum, "wechat": _wechat, "aggregator": _aggregator}


def _plain_extras(rng: random.Random) -> tuple[list[str], list[str]]:
    """Short body lines of documents without chrome: headings, tables, signatures, dialogue."""
    kind = rng.choice(["policy", "interview", "novel", "report"])
    place = _place(rng)
    if kind == "policy":
        head = [f"{place}人民政府办公室", f"关于推进{rng.choice(['网格化服务管理', '村务监督', '社区协商'])}的实施意见", f"{rng.choice(PLACES)}政办发〔{rng.randint(2015, 2025)}〕{rng.randint(1, 99)}号"]
        tail = [f"附件:1.{rng.choice(['网格划分标准', '议事规则', '考核办法'])}", f"2.{rng.choice(['任务分工表', '联系人名单'])}",
                f"{place}人民政府办公室", _date(rng, 1), "(此件公开发布)"]
        table = ["序号 指标 数值", f"1 综合网格 {rng.randint(10, 3000)}个", f"2 专职网格员 {rng.randint(10, 5000)}名", f"3 议事会 {rng.randint(1, 300)}个"]
        return head, table + tail
    if kind == "interview":
        return [f"记者:{rng.choice(['请您介绍一下', '您怎么看'])}{rng.choice(['议事会', '网格员', '积分制'])}?", f"{_name(rng)}:好的。"], ["主持人:谢谢!", f"{_name(rng)}:谢谢。"]
    if kind == "novel":
        return [f"第{rng.choice('一二三四五六七八九十')}章 {rng.choice(['村口', '夜会', '新官'])}", "“来了。”"], ["“好。”", "他点点头。"]
    return [_title(rng), f"——在{place}{rng.choice(['干部大会', '工作会议'])}上的讲话", f"{place[-1]}长 {_name(rng)}"], [f"{_place(rng)}{rng.choice(['党委', '政府'])}", _date(rng, 1)]


def synthetic_pages(documents: list[list[str]], n: int, seed: int = 7, layouts: tuple[str, ...] | None = None):
    """Yield ``(layout, lines, labels)`` for ``n`` pages built from stretches of ``documents`` (lists of
    body lines). ``layouts`` limits the chrome layouts used (for leave-one-layout-out checks)."""
    rng = random.Random(seed)
    names = list(layouts or CHROME_LAYOUTS) + ["plain"]
    for _ in range(n):
        doc = rng.choice(documents)
        k = rng.randint(3, 12)
        a = rng.randint(0, max(len(doc) - k, 0))
        body = doc[a : a + k]
        layout = rng.choice(names)
        if layout == "plain":
            head, tail = _plain_extras(rng)
            lines = head + body + tail
            yield layout, lines, [0] * len(lines)
            continue
        head, tail, inline = CHROME_LAYOUTS[layout](rng)
        lines, labels = list(head), [1] * len(head)
        lines.append(_title(rng))
        labels.append(0)
        for line in body:
            lines.append(line)
            labels.append(0)
            if inline and rng.random() < 0.3:
                lines.append(inline.pop())
                labels.append(1)
        lines += inline + tail
        labels += [1] * (len(inline) + len(tail))
        yield layout, lines, labels
