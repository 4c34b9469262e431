"""Redaction of personal identifiers in every text that leaves the kit (exports, pipeline and ingest
tables, the report). One place decides what is masked; masks keep the length and the shape
readable, so offsets stay valid and a reader still sees what kind of number stood there.

What is masked (``kind``: example → mask)
-------------------------------------------
* ``mobile``: 11 digits 1[3-9]…, with or without +86/0086, spaces or hyphens
  (``+86 139-1234-5678``, ``136 1234 5678``, ``+8613712345678``) → ``139****5678``.
* ``landline``: area code (010, 02X, 0XXX) and a 7–8 digit number starting 2–9, contiguous,
  spaced, hyphenated or with the code in brackets (``0511 87654321``, ``(0512)23456789``,
  ``051334567890``, ``+86 10 62345678``) → ``0511 ****4321``.
* ``service``: 400/800 numbers (``400-123-4567``, ``4008208820``) → ``400-***-4567``.
* ``id_card``: 18-digit resident ID numbers (province code, a real birth date 1900–2099, ISO 7064
  MOD 11-2 check digit), 15-digit old ones (province code, a real date YYMMDD), contiguous or spaced
  (``320924 19900101 1234``) → ``3209**********1234``. After a label (身份证号、证件号码 …) a number
  of that length with a real birth date is masked even when its check digit fails.
* ``bank_card``: 16–19 digits passing the Luhn check, starting 2–6 or 9, in groups or not
  (``6222 0212 3456 7890``) → ``6222 **** **** 7890``; after 卡号、账号 … any 12–19 digits.
* ``email``: the part before ``@`` (``zhangsan@example.com`` → ``z*******@example.com``).
* ``qq`` and ``wechat``: the number or ID after QQ、微信号 (``QQ：12345678`` → ``QQ：12****78``).
* ``name``: a name (surname checked against ``data/surnames.txt``) right after a label for a private
  person — 联系人、经办人、举报人、申请人、当事人 … (``data/redaction.yaml``) → ``张*``、``欧阳**``.

What is not masked (decided)
----------------------------
* Statistics: a number followed by a unit word (元、万、个、名、户、%、年 …), part of a decimal,
  or failing the checks above stays as written: 2023年GDP 123456789012 元, 1993 个网格, 4744 名.
  The checksums (ID numbers, bank cards) and real birth dates make an accidental mask of a long
  figure rare; a bare 11-digit figure starting 13–19 with no unit is read as a phone number.
* Public hotlines and short numbers (12345、110、12315), officials and other people named in the
  body of a document (public roles in public documents), addresses, licence plates, IP addresses.

>>> redact_text("联系人：张三，电话13912345678，身份证号320924199001011236。")
'联系人：张*，电话139****5678，身份证号3209**********1236。'
>>> redact_text("2023年GDP 123456789012 元，全县划分网格1993个，专职网格员4744名。")
'2023年GDP 123456789012 元，全县划分网格1993个，专职网格员4744名。'
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date
from functools import lru_cache

from ..clean.boilerplate import surnames
from ..datafiles import bundled, read_yaml, reloaded

KINDS = ("mobile", "landline", "service", "id_card", "bank_card", "email", "qq", "wechat", "name")
KIND_LABELS = {"mobile": "手机号", "landline": "座机号", "service": "400/800 号码", "id_card": "身份证号",
               "bank_card": "银行卡号", "email": "电子邮箱", "qq": "QQ 号", "wechat": "微信号",
               "name": "联系人姓名"}
# the first two digits of an ID number: provinces (GB/T 2260), Taiwan, Hong Kong, Macao
PROVINCES = frozenset({"11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
                       "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
                       "65", "71", "81", "82", "83"})
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SEP = r"[ \-－\u00a0]"
_AREA = r"0(?:10|2\d|[3-9]\d{2})"


@reloaded("redaction.yaml")
def _words() -> dict:
    data, _ = read_yaml(bundled("redaction.yaml"), "redaction.yaml")
    return data


def id_check_digit(first17: str) -> str:
    """The ISO 7064 MOD 11-2 check character of the first 17 digits of an 18-digit ID number.

    >>> id_check_digit("11010519491231002")
    'X'
    """
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS))
    return "10X98765432"[total % 11]


def luhn_ok(digits: str) -> bool:
    """Whether a card number passes the Luhn check (ISO/IEC 7812).

    >>> luhn_ok("4111111111111111"), luhn_ok("4111111111111112")
    (True, False)
    """
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def real_date(year: int, month: int, day: int) -> bool:
    try:
        return date(year, month, day) <= date.today()
    except ValueError:
        return False


def id_number_ok(digits: str, *, check: bool = True) -> bool:
    """An 18- or 15-character resident ID number: province code and real birth date, and for 18
    characters the check digit (unless ``check=False``: a typo after a label is still an ID)."""
    digits = digits.upper()
    if len(digits) == 18:
        born = digits[6:14]
        if not (born.isdigit() and 1900 <= int(born[:4]) and real_date(int(born[:4]), int(born[4:6]), int(born[6:]))):
            return False
        return not check or (digits[:2] in PROVINCES and id_check_digit(digits[:17]) == digits[17])
    if len(digits) == 15 and digits.isdigit():
        born = (1900 + int(digits[6:8]), int(digits[8:10]), int(digits[10:12]))
        return (digits[:2] in PROVINCES or not check) and real_date(*born)
    return False


def card_number_ok(digits: str) -> bool:
    """A bank card number: 16–19 digits, a card scheme's first digit (2–6, 9), Luhn."""
    return 16 <= len(digits) <= 19 and digits[0] in "234569" and luhn_ok(digits)


def mask_digits(value: str, keep_head: int, keep_tail: int) -> str:
    """``value`` with its digits (and a final X) masked by ``*``, except the first ``keep_head`` and
    the last ``keep_tail``; separators stay where they are.

    >>> mask_digits("6222 0212 3456 7890", 4, 4)
    '6222 **** **** 7890'
    """
    positions = [i for i, c in enumerate(value) if c.isdigit() or c in "Xx"]
    hidden = set(positions[keep_head:len(positions) - keep_tail])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


def _statistic(text: str, end: int) -> bool:
    """A number ending at ``end`` is followed by a unit word (spaces skipped): a figure, not an identifier."""
    rest = text[end:end + 8].lstrip(" \u00a0\u3000")
    return any(rest.startswith(u) for u in _words()["units"])


def _labelled(text: str, start: int, labels) -> bool:
    """One of ``labels`` stands just before ``start`` (colons, spaces, brackets, 是 or 为 between)."""
    before = re.sub(r"[:：\s是为（(）)]*$", "", text[max(0, start - 16):start])
    return any(before.endswith(label) for label in labels)


_MOBILE = re.compile(rf"(?<![\d.])(?P<cc>(?:\+|00|（\+|\(\+)86[)）]?{_SEP}?)?"
                     rf"(?P<num>1[3-9]\d(?P<s>{_SEP}?)\d{{4}}(?P=s)\d{{4}})(?!\d|\.\d)")
_LANDLINE = re.compile(rf"(?<![\d.])(?P<area>[（(]{_AREA}[)）]|{_AREA}|(?:\+|00)86{_SEP}?(?:\(0\))?(?:10|2\d|[3-9]\d{{2}}))"
                       rf"(?P<s>{_SEP}?)(?P<local>[2-9]\d{{6,7}})(?!\d|\.\d)")
_SERVICE = re.compile(rf"(?<![\d.])[48]00{_SEP}?\d{{3,4}}{_SEP}?\d{{3,4}}(?!\d|\.\d)")
_LONG = re.compile(rf"(?<![\d.])\d(?:{_SEP}?\d){{11,18}}(?:{_SEP}?[Xx])?(?![\dXx]|\.\d)")
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]*)@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
_QQ = re.compile(r"((?:QQ|qq)(?:号码?)?[:：\s]*)(\d{5,11})(?!\d)")
_WECHAT = re.compile(r"(微信(?:号|账号|ID)?[:：\s]*)([A-Za-z][-_A-Za-z0-9]{5,19})(?![-_A-Za-z0-9])")


def _contiguous(value: str) -> bool:
    return value.isdigit()


_HEX = frozenset("0123456789abcdefABCDEF")


def _in_hash(text: str, start: int, end: int) -> bool:
    """The match lies inside a run of 32 or more hex characters (a SHA-256, an MD5): not a number."""
    left, right = start, end
    while left > 0 and text[left - 1] in _HEX:
        left -= 1
    while right < len(text) and text[right] in _HEX:
        right += 1
    return right - left >= 32 and (left < start or right > end)


def _figure(m: re.Match, value: str) -> bool:
    """A contiguous number followed by a unit (a statistic), or digits inside a hash."""
    return (_contiguous(value) and _statistic(m.string, m.end())) or _in_hash(m.string, m.start(), m.end())


def _long_number(m: re.Match, counts: Counter) -> str:
    """An ID number, a bank card, or a figure left alone."""
    value, text = m.group(), m.string
    digits = re.sub(r"[^\dXx]", "", value)
    statistic = _figure(m, value)
    if len(digits) in (15, 18) and ((not statistic and id_number_ok(digits)) or (
            _labelled(text, m.start(), _words()["id_labels"]) and id_number_ok(digits, check=False))):
        counts["id_card"] += 1
        return mask_digits(value, 4, 4 if len(digits) == 18 else 3)
    if not digits[-1].isdigit():
        return value
    if (not statistic and card_number_ok(digits)) or (
            12 <= len(digits) <= 19 and _labelled(text, m.start(), _words()["card_labels"])):
        counts["bank_card"] += 1
        return mask_digits(value, 4, 4)
    return value


def _mobile(m: re.Match, counts: Counter) -> str:
    num = m.group("num")
    if not m.group("cc") and _figure(m, num):
        return m.group()
    counts["mobile"] += 1
    return (m.group("cc") or "") + mask_digits(num, 3, 4)


def _landline(m: re.Match, counts: Counter) -> str:
    contiguous = not m.group("s") and m.group("area")[0] == "0"
    if (contiguous and _statistic(m.string, m.end())) or _in_hash(m.string, m.start(), m.end()):
        return m.group()
    counts["landline"] += 1
    return m.group("area") + m.group("s") + mask_digits(m.group("local"), 0, 4)


def _service(m: re.Match, counts: Counter) -> str:
    value = m.group()
    digits = re.sub(r"\D", "", value)
    if len(digits) != 10 or _figure(m, value):
        return value
    counts["service"] += 1
    return mask_digits(value, 3, 4)


def _email(m: re.Match, counts: Counter) -> str:
    counts["email"] += 1
    local = m.group(1)
    return local[0] + "*" * (len(local) - 1) + "@" + m.group(2)


def _short_id(kind: str):
    def mask(m: re.Match, counts: Counter) -> str:
        counts[kind] += 1
        value = m.group(2)
        return m.group(1) + value[:2] + "*" * (len(value) - 4) + value[-2:]
    return mask


def _name_pattern() -> re.Pattern:
    return _compiled_names(tuple(_words()["name_labels"]))


@lru_cache(maxsize=2)
def _compiled_names(labels: tuple) -> re.Pattern:
    labels = sorted(labels, key=len, reverse=True)
    han = r"[\u4e00-\u9fff]"
    return re.compile(rf"(?:{'|'.join(map(re.escape, labels))})(?:[:：\s]|是|为)*((?:{han}{{2,4}}、)*{han}{{2,6}})")


def _one_name(run: str, after: str) -> str | None:
    """``run`` (Han characters, followed in the text by ``after``) with the name it starts masked:
    a surname and one or two given-name characters ended by a stop (punctuation, a digit, the end,
    or a word such as 电话、同志); None when it does not start with a name."""
    family, stops = surnames(), _words()["after_name"]
    if after.startswith("*"):  # masked already (欧阳**): nothing to do
        return None
    for surname in (run[:2], run[:1]):
        if surname not in family:
            continue
        if any(run[len(surname):].startswith(w) for w in stops):  # 王主任: a title, no given name
            return None
        ends = [len(surname) + g for g in (1, 2) if len(surname) + g <= len(run)]
        follows = {end: (run[end:] + after)[:4] for end in ends}
        # a stop word right after the shorter name wins (李四同志: 李*同志), then a non-Han stop
        found = next((e for e in ends if any(follows[e].startswith(w) for w in stops)), None)
        if found is None:
            found = next((e for e in reversed(ends) if not re.match(r"[\u4e00-\u9fff]", follows[e])), None)
        if found is not None:
            return surname + "*" * (found - len(surname)) + run[found:]
    return None


def _name(m: re.Match, counts: Counter) -> str:
    """The names after a label (a list joined by 、 included) masked; anything else left alone."""
    pieces, start = m.group(1).split("、"), m.start(1) - m.start()
    after = m.string[m.end():m.end() + 4]
    out = []
    for i, piece in enumerate(pieces):
        masked = _one_name(piece, "、" if i < len(pieces) - 1 else after)
        if masked is None:
            out.extend(pieces[i:])
            break
        counts["name"] += 1
        out.append(masked)
    return m.group()[:start] + "、".join(out)


# order matters: an e-mail address may hold digits, a long number may hold a phone-like run
_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


class _Names:
    """The name rule, its pattern compiled on first use (it reads the label list)."""

    def sub(self, repl, text):
        return _name_pattern().sub(repl, text)


_RULES = (
    (_EMAIL, _email, lambda t: "@" in t),
    (_QQ, _short_id("qq"), _has_digit),
    (_WECHAT, _short_id("wechat"), lambda t: "微信" in t),
    (_LONG, _long_number, _has_digit),
    (_MOBILE, _mobile, _has_digit),
    (_SERVICE, _service, _has_digit),
    (_LANDLINE, _landline, _has_digit),
    (_Names(), _name, lambda t: "人" in t or "户主" in t or "姓名" in t),
)


def redact_text(text, counts: Counter | None = None):
    """``text`` with personal identifiers masked (see the module docstring); ``counts`` (a Counter),
    when given, is increased by the number masked of each kind. Non-strings come back unchanged."""
    if not isinstance(text, str) or not text:
        return text
    counts = Counter() if counts is None else counts
    for pattern, mask, needs in _RULES:
        if needs(text):
            text = pattern.sub(lambda m, mask=mask: mask(m, counts), text)
    return text


def find_identifiers(text: str) -> Counter:
    """How many identifiers of each kind ``text`` holds (what :func:`redact_text` would mask)."""
    counts: Counter = Counter()
    redact_text(text, counts)
    return counts


def is_text_column(series) -> bool:
    return series.dtype == object or str(series.dtype).startswith(("str", "string"))


def redact(frame, counts: Counter | None = None):
    """A copy of a DataFrame with every text column redacted (numbers untouched); ``counts`` as in
    :func:`redact_text`. Column names are redacted too."""
    counts = Counter() if counts is None else counts
    out = frame.copy()
    for column in out.columns:
        if is_text_column(out[column]):
            out[column] = out[column].map(lambda v: redact_text(v, counts))
    return out.rename(columns=lambda c: redact_text(c, counts) if isinstance(c, str) else c)


def redact_value(value, counts: Counter, redact_string=None):
    """A string, or a list, tuple, dict or dataclass holding strings (document metadata, the blocks
    of a design brief), redacted; anything else unchanged. ``redact_string(text, counts)`` replaces
    :func:`redact_text` for the strings (a design brief writes its masks differently)."""
    import dataclasses

    redact_string = redact_string or redact_text
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: redact_value(getattr(value, f.name), counts, redact_string)
                   for f in dataclasses.fields(value) if f.init}
        return dataclasses.replace(value, **changes)
    if isinstance(value, str):
        return redact_string(value, counts)
    if isinstance(value, (list, tuple)):
        return type(value)(redact_value(v, counts, redact_string) for v in value)
    if isinstance(value, dict):
        return {k: redact_value(v, counts, redact_string) for k, v in value.items()}
    return value


def redact_blocks(blocks, counts: Counter | None = None) -> list:
    """Blocks of a design brief (dataclasses of strings and tuples of strings) with personal data
    masked, for Markdown and Word alike; ``counts`` as in :func:`redact_text`. A brief marks bold
    with ``**``, so its masked characters are written ``×`` (139××××5678), never ``*``."""
    counts = Counter() if counts is None else counts
    return [redact_value(block, counts, _redact_brief_text) for block in blocks]


def _redact_brief_text(text: str, counts: Counter) -> str:
    masked = redact_text(text, counts)
    if masked == text or len(masked) != len(text):  # masks keep the length
        return masked
    return "".join("×" if new == "*" and old != "*" else new for old, new in zip(text, masked))


def redact_document(doc, counts: Counter | None = None, *, keep_id: bool = False):
    """A copy of a Document with its id (unless ``keep_id``), text, raw text and metadata redacted
    (every mask keeps the length, so the cleaning report's offsets still hold). ``counts`` counts
    the text and metadata, not the raw text (the same identifiers again)."""
    from ..corpus.model import Document

    counts = Counter() if counts is None else counts
    doc_id = doc.doc_id if keep_id else redact_text(doc.doc_id, counts)
    meta = redact_value(doc.meta, counts)
    if keep_id and "doc_id" in meta:
        meta["doc_id"] = doc.doc_id
    return Document(doc_id, redact_text(doc.text, counts), redact_text(doc.raw, Counter()), meta, doc._cleaning)


def summary(counts: Counter) -> str:
    """``手机号 2 处、身份证号 1 处`` (``无`` when nothing was masked)."""
    parts = [f"{KIND_LABELS[k]} {counts[k]} 处" for k in KINDS if counts.get(k)]
    return "、".join(parts) or "无"


# values worth a look (RE2 syntax, for pyarrow): a digit, an e-mail, or a word a name rule needs
_CANDIDATE = r"[0-9０-９]|@|微信|人|户主|姓名"


def redact_arrow(table, counts: Counter | None = None, *, keep=("doc_id",)):
    """An Arrow table with its string columns redacted (``keep``: columns left as they are — the
    pipeline's join key). Only values that could hold an identifier go through Python."""
    import pyarrow as pa
    import pyarrow.compute as pc

    counts = Counter() if counts is None else counts
    for i, field in enumerate(table.schema):
        if field.name in keep or not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        column = table.column(i)
        hits = pc.match_substring_regex(column, _CANDIDATE)
        if not pc.any(hits).as_py():
            continue
        values = [redact_text(v, counts) if hit else v
                  for v, hit in zip(column.to_pylist(), hits.to_pylist())]
        table = table.set_column(i, field, pa.array(values, field.type))
    return table
