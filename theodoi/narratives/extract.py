"""The grammar of a figure statement: plain text in, statements out. No database.

A statement is one figure a report gives, with what the sentence says around it:

    [indicator phrase] [place] [period] [status verb] VALUE [scale] UNIT [, claim]*
    [period] [place] ... N UNIT [indicator phrase]            (counts: "13 xã được công nhận ...")
    [indicator phrase] tăng/giảm X% so (với) cùng kỳ          (a growth rate as the figure)

status verbs: "ước đạt", "ước", "khoảng", "dự kiến" (estimate); "đạt", "thực hiện" (reported).
claims: "bằng/đạt X% dự toán|kế hoạch (năm)", "tăng/giảm X% so (với) cùng kỳ (năm trước)",
"tăng/giảm X điểm phần trăm", "gấp X lần".

Work happens on a folded copy of the text (no diacritics, lower case) of exactly the same
length, so every span found points back into the original sentence.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from theodoi.core.numbers import NumberParseError, parse_number
from theodoi.core.periods import Period, PeriodError

NUM = r"[+\-\u2212]?\d[\d.,]*\d|\d"

# Scale words (folded) and their factors.
SCALES = {
    "nghin ty": Decimal(10) ** 12,
    "ngan ty": Decimal(10) ** 12,
    "trieu ty": Decimal(10) ** 15,
    "ty": Decimal(10) ** 9,
    "trieu": Decimal(10) ** 6,
    "nghin": Decimal(10) ** 3,
    "ngan": Decimal(10) ** 3,
}
# Units of measure (folded) → family; one family converts into another member of it.
UNITS = {
    "dong": "dong",
    "usd": "usd",
    "do la my": "usd",
    "do la": "usd",
    "luot khach": "luot",
    "luot nguoi": "luot",
    "luot": "luot",
    "khach": "luot",
    "xa": "xa",
    "xa, phuong, thi tran": "xa",
    "nguoi": "nguoi",
    "lao dong": "nguoi",
    "ho": "ho",
    "ha": "ha",
    "hecta": "ha",
    "tan": "tan",
    "doanh nghiep": "doanh nghiep",
    "du an": "du an",
    "km": "km",
    "truong": "truong",
    "%": "%",
}
_SCALE_RE = "|".join(sorted((re.escape(s) for s in SCALES), key=len, reverse=True))
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS if u != "%"), key=len, reverse=True))

VALUE = re.compile(
    # "116/117 xã" is 116 of 117: the figure is the first number.
    rf"(?<![\w.,/])(?P<num>{NUM})(?:/\d[\d.]*)?\s*"
    rf"(?:(?P<pct>%)|(?P<scale>{_SCALE_RE})?\s*(?P<uom>{_UNIT_RE})?)"
    r"(?![\w])"
)

_REF_PLAN = r"(?P<ref>du toan|ke hoach|kh|chi tieu|muc tieu)"
CLAIMS = [
    (
        "plan",
        re.compile(
            rf"(?:bang|dat|dat khoang|bang khoang|dat tren)\s+(?P<num>{NUM})\s*%\s*"
            r"(?:so voi\s+|cua\s+)?" + _REF_PLAN
        ),
    ),
    (
        "growth",
        re.compile(
            rf"(?P<dir>tang|giam)(?: khoang| hon| tren)?\s+(?P<num>{NUM})\s*%\s*"
            r"(?:so\s+(?:voi\s+)?(?:cung ky|nam truoc|ky nam truoc|nam \d{4})(?:\s+nam\s+truoc)?"
            r"(?:\s+(?:nam\s+)?\d{4})?)?"
        ),
    ),
    (
        "growth",
        re.compile(
            r"so\s+(?:voi\s+)?cung ky(?:\s+nam\s+truoc)?(?:\s+(?:nam\s+)?\d{4})?,?\s+"
            rf"(?P<dir>tang|giam)\s+(?P<num>{NUM})\s*%"
        ),
    ),
    (
        "exceed",
        re.compile(rf"vuot\s+(?P<num>{NUM})\s*%\s*(?:so voi\s+)?" + _REF_PLAN),
    ),
    (
        "points",
        re.compile(
            rf"(?P<dir>tang|giam)\s+(?P<num>{NUM})\s*diem phan tram"
            r"(?:\s+so\s+(?:voi\s+)?(?:cung ky|nam truoc|nam \d{4})(?:\s+(?:nam\s+)?\d{4})?)?"
        ),
    ),
    ("times", re.compile(rf"gap\s+(?P<num>{NUM})\s*lan")),
]

ESTIMATE_WORDS = ("uoc dat", "uoc tinh", "uoc thuc hien", "uoc", "khoang", "du kien", "dat khoang")
REPORTED_WORDS = ("thuc hien", "dat", "la", "con")
_STATUS = re.compile(
    r"(?<!\w)(uoc dat|uoc tinh|uoc thuc hien|uoc|khoang|du kien|dat khoang|thuc hien|dat|la|con)"
    r"\s*$"
)

_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}
PERIODS = [
    ("half2", re.compile(r"6 thang cuoi nam(?:\s+(?P<y>\d{4}))?")),
    (
        "ytd",
        re.compile(
            r"(?:luy ke\s+)?(?P<n>\d{1,2}) thang(?: dau)?(?: nam)?(?:\s+(?:nam\s+)?(?P<y>\d{4}))?"
        ),
    ),
    (
        "ytdend",
        re.compile(
            r"luy ke (?:den|tu dau nam den)(?: het)? thang (?P<n>\d{1,2})(?:/(?P<y>\d{4}))?"
        ),
    ),
    ("quarter", re.compile(r"quy (?P<q>iv|iii|ii|i|[1-4])(?:[/ ](?:nam\s+)?(?P<y>\d{4}))?(?!\w)")),
    ("month", re.compile(r"thang (?P<m>\d{1,2})[/-](?P<y>\d{4})")),
    ("month", re.compile(r"thang (?P<m>\d{1,2}) nam (?P<y>\d{4})")),
    # "tháng 10" in a monthly report: the year is the report's (or "năm 2022" nearby).
    ("month", re.compile(r"thang (?P<m>\d{1,2})(?![\d/\-]|\s+nam\s+\d)")),
    ("year", re.compile(r"(?:ca nam|nam)\s+(?P<y>\d{4})(?!\s*-)")),
    ("yearonly", re.compile(r"ca nam")),
]
PLACE = re.compile(
    r"(?<!\w)(?P<kind>(?i:thành phố|thị xã|huyện|phường|thị trấn|xã))\s+"
    r"(?P<name>[A-ZĐÀ-Ỹ][\wÀ-ỹ]*(?:\s+(?:[-–]\s+)?[A-ZĐÀ-Ỹ][\wÀ-ỹ]*){0,3})"
)


def fold_keep(text: str) -> str:
    """Fold like core.text.fold, but keep the length: position i of the result is
    character i of the (NFC) text."""
    out = []
    for ch in text:
        if ch in "đĐ":
            out.append("d")
            continue
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        out.append((base or ch)[:1].lower() if len(base) <= 1 else ch.lower())
    return "".join(out)


@dataclass
class Claim:
    kind: str  # plan | growth | points | times
    number: Decimal | None  # as written, signed for "giảm"
    decimals: int  # digits shown after the comma
    ref: str = ""  # plan kind: "du toan" -> estimate, "ke hoach" -> plan
    text: str = ""
    error: str = ""


@dataclass
class Statement:
    sentence: str
    start: int  # the figure's span inside the sentence
    end: int
    phrase: str  # the words around the figure (original text) that name the indicator
    number: Decimal | None
    raw: str
    scale: Decimal
    unit: str  # folded unit word ("dong", "luot", "xa", "%")
    family: str
    status: str  # estimate | reported
    period: Period | None
    period_text: str
    place_kind: str
    place_name: str
    growth_only: bool = False
    claims: list[Claim] = field(default_factory=list)
    error: str = ""  # a number that reads two ways, a bad period
    from_image: bool = False

    @property
    def base_value(self) -> Decimal | None:
        """The figure in base units (đồng, USD, lượt, xã)."""
        return None if self.number is None else self.number * self.scale


def decimals_of(raw: str) -> int:
    raw = raw.strip()
    if "," in raw:
        return len(raw.rsplit(",", 1)[1])
    if raw.count(".") == 1 and len(raw.rsplit(".", 1)[1]) != 3:
        return len(raw.rsplit(".", 1)[1])
    return 0


def _number(raw: str) -> tuple[Decimal | None, str]:
    try:
        return parse_number(raw.replace("\u2212", "-")), ""
    except NumberParseError as exc:
        return None, exc.message


# A sentence ends at ". " before a capital, at a blank line, or at a line break after
# ".;:!?"; other line breaks (a PDF's or a scan's lines) are spaces inside a sentence.
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[A-ZĐÀ-Ỹ\"“(])|\n\s*\n|(?<=[.;:!?…])\s*\n")


def sentences(text: str, from_image: bool = False) -> list[str]:
    text = unicodedata.normalize("NFC", text or "")
    if from_image:
        # OCR breaks lines and paragraphs anywhere: only punctuation ends a sentence.
        text = re.sub(r"\s+", " ", text)
    return [" ".join(s.split()) for s in SENTENCE_END.split(text) if s and s.strip()]


def _period(m: re.Match, kind: str, year: int | None) -> Period | None:
    y = m.groupdict().get("y")
    yr = int(y) if y else year
    if yr is None:
        return None
    if kind == "ytd":
        n = int(m.group("n"))
        return Period.ytd(yr, n) if 1 <= n <= 12 else None
    if kind == "ytdend":
        return Period.ytd(yr, int(m.group("n")))
    if kind == "half2":
        return Period.half(yr, 2)
    if kind == "quarter":
        return Period.quarter(yr, _ROMAN[m.group("q")])
    if kind == "month":
        return Period.month(yr, int(m.group("m")))
    return Period.year_(yr)


def find_period(
    folded: str, default: Period | None, year_from: Period | None = None
) -> tuple[Period | None, str, str]:
    """The first period phrase of the folded text: (period, its text, error). A phrase
    without its year ("tháng 10", "9 tháng") takes "năm 2021" nearby, else the year of
    `year_from` or of the default."""
    # "năm 2021", or the year another period of the text writes ("tháng 9/2026 ..., lũy kế
    # 9 tháng" is nine months of 2026).
    year_m = re.search(r"nam (\d{4})(?!\s*-)|(?:thang|quy) [\divx]{1,4}/(\d{4})", folded)
    known = year_from or default
    fallback_year = (
        int(year_m.group(1) or year_m.group(2)) if year_m else (known.year if known else None)
    )
    for kind, pattern in PERIODS:
        m = pattern.search(folded)
        if not m:
            continue
        if kind == "yearonly":
            return (
                (Period.year_(fallback_year), m.group(0), "")
                if fallback_year
                else (None, m.group(0), "")
            )
        try:
            return _period(m, kind, fallback_year), m.group(0), ""
        except PeriodError as exc:
            return None, m.group(0), exc.message
    return default, "", ""


def _claims_in(folded: str, original: str, offset: int) -> list[tuple[int, int, Claim]]:
    found: list[tuple[int, int, Claim]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in CLAIMS:
        for m in pattern.finditer(folded):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            raw = m.group("num")
            number, err = _number(raw)
            if number is not None and m.groupdict().get("dir") == "giam":
                number = -number
            ref = m.groupdict().get("ref") or ""
            if kind == "exceed":
                # "vượt 5,9% dự toán" is "bằng 105,9% dự toán".
                kind, number = "plan", (None if number is None else number + 100)
            claim = Claim(kind, number, decimals_of(raw), ref, original[s:e].strip(), err)
            found.append((s + offset, e + offset, claim))
            taken.append((s, e))
    return sorted(found, key=lambda t: t[0])


def extract(
    text: str, default_period: Period | None = None, from_image: bool = False
) -> list[Statement]:
    """Every figure statement of a text, sentence by sentence."""
    out: list[Statement] = []
    for sentence in sentences(text, from_image):
        out.extend(extract_sentence(sentence, default_period, from_image))
    return out


def _segments(folded: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r";", folded):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(folded)))
    return spans


def extract_sentence(
    sentence: str, default_period: Period | None = None, from_image: bool = False
) -> list[Statement]:
    sentence = unicodedata.normalize("NFC", sentence)
    folded = fold_keep(sentence)
    sentence_period = find_period(_blank_claims(folded), default_period)
    out: list[Statement] = []
    for seg_start, seg_end in _segments(folded):
        seg = folded[seg_start:seg_end]
        claims = _claims_in(seg, sentence[seg_start:seg_end], seg_start)
        claim_spans = [(s, e) for s, e, _c in claims]
        periods = [
            (m.start() + seg_start, m.end() + seg_start)
            for _k, p in PERIODS
            for m in p.finditer(seg)
        ]
        values = []
        for m in VALUE.finditer(seg):
            s, e = m.start() + seg_start, m.end() + seg_start
            if any(cs <= s < ce for cs, ce in claim_spans):
                continue
            if any(ps <= s < pe for ps, pe in periods):
                continue
            if not (m.group("pct") or m.group("uom")):
                continue
            # "2021-2026", "(GRDP - giá SS 2010)": years are not figures.
            if re.fullmatch(r"\d{4}", m.group("num")) and not m.group("uom"):
                continue
            values.append((s, e, m))
        # A percentage main value needs a status verb before it ("đạt 54,6%", "còn 2,5%").
        kept = []
        for s, e, m in values:
            before = folded[seg_start:s]
            if m.group("pct") and not _STATUS.search(before.rstrip()):
                continue
            kept.append((s, e, m))
        if not kept:
            growth = [c for c in claims if c[2].kind == "growth"]
            if growth:
                s, e, claim = growth[0]
                out.append(
                    _statement(
                        sentence,
                        folded,
                        seg_start,
                        seg_end,
                        s,
                        e,
                        None,
                        claim,
                        [c for c in claims if c is not growth[0]],
                        sentence_period,
                        default_period,
                        from_image,
                    )
                )
            continue
        bounds = []
        for i, (_s, e, _m) in enumerate(kept):
            nxt = kept[i + 1][0] if i + 1 < len(kept) else seg_end
            # The window ends at the last comma before the next figure (after this one's claims).
            after_claims = max([ce for cs, ce in claim_spans if e <= cs < nxt] + [e])
            cut = folded.rfind(",", after_claims, nxt) if i + 1 < len(kept) else -1
            bounds.append(cut if cut >= 0 else (nxt if i + 1 < len(kept) else seg_end))
        lo = seg_start
        for i, (s, e, m) in enumerate(kept):
            hi = bounds[i]
            mine = [c for c in claims if lo <= c[0] < hi]
            out.append(
                _statement(
                    sentence,
                    folded,
                    lo,
                    hi,
                    s,
                    e,
                    m,
                    None,
                    mine,
                    sentence_period,
                    default_period,
                    from_image,
                )
            )
            lo = hi + 1
    return inherit_subjects(out)


# Words that name no indicator: a clause made of them and a period ("lũy kế 10 tháng đạt
# 412,8 triệu USD", "quý II đạt 2.500 tỷ đồng") speaks of the sentence's subject.
FILLER = re.compile(
    r"(?<!\w)(?:uoc dat|uoc tinh|uoc thuc hien|uoc|dat khoang|khoang|du kien|thuc hien|dat|la"
    r"|con|luy ke|tinh chung|rieng|va|den het|den|tu dau nam|trong do|so voi|cung ky|nam truoc"
    r"|nam)(?!\w)"
)


def naming_words(st: Statement) -> str:
    """The words of a statement that may name its indicator (original text): its phrase
    without the period, the claims, the status verbs and the unit word. "Lượng du khách nghỉ
    đêm 9 tháng năm 2021 ước đạt lượt khách" → "Lượng du khách nghỉ đêm"."""

    def blank(m: re.Match) -> str:
        return " " * len(m.group(0))

    folded = _blank_claims(fold_keep(st.phrase))
    for _k, pattern in PERIODS:
        folded = pattern.sub(blank, folded)
    if st.unit and st.unit != "%":  # the unit word kept in the phrase
        folded = re.sub(rf"(?<!\w){re.escape(st.unit)}(?!\w)", blank, folded, count=1)
    folded = FILLER.sub(blank, folded)
    kept = "".join(
        c if f != " " or c.isspace() else " " for c, f in zip(st.phrase, folded, strict=True)
    )
    kept = re.sub(r"\s+([,.;:)])", r"\1", " ".join(kept.split()))
    if not re.search(r"[^\W\d_]", kept):
        return ""
    return kept.strip(" ,.;:-(")


def written_uom(st: Statement) -> str:
    """The unit of measure the figure is written in ("1,9 triệu lượt" → "triệu lượt"): what a
    new indicator for an unmatched statement is proposed to be counted in."""
    if st.growth_only:
        return "%"
    return st.sentence[st.start : st.end][len(st.raw) :].strip()


def names_nothing(st: Statement) -> bool:
    """Whether a statement's words, without its period, claims and unit, name nothing."""
    return not naming_words(st)


def inherit_subjects(statements: list[Statement]) -> list[Statement]:
    """A figure whose clause names nothing takes the words of the figure before it in the
    same sentence: "Kim ngạch xuất khẩu tháng 10 ước đạt 45,3 triệu USD, lũy kế 10 tháng
    đạt 412,8 triệu USD" gives two figures of the exports."""
    for before, st in zip(statements, statements[1:], strict=False):
        if not st.growth_only and names_nothing(st):
            st.phrase = before.phrase
    return statements


def _blank_claims(folded: str) -> str:
    for _k, pattern in CLAIMS:
        folded = pattern.sub(lambda m: " " * len(m.group(0)), folded)
    return folded


def _statement(
    sentence, folded, lo, hi, s, e, m, growth, claims, sentence_period, default_period, from_image
) -> Statement:
    window_f = _blank_claims(folded[lo:hi])
    period, ptext, perr = find_period(window_f, None, sentence_period[0] or default_period)
    if period is None and not perr:
        period, ptext, perr = sentence_period
    if period is None and not perr:
        period = default_period
    place_kind = place_name = ""
    for p in PLACE.finditer(sentence[lo:hi]):
        words = []
        tokens = p.group("name").split()
        for i, w in enumerate(tokens):
            # "Phường Xuân Hương - Đà Lạt": a dash between capitalised words is in the name.
            if w in ("-", "–") and words and i + 1 < len(tokens):
                words.append(w)
                continue
            if not w[:1].isupper():
                break
            words.append(w)
        if words:
            place_kind, place_name = fold_keep(p.group("kind").lower()), " ".join(words)
            break
    status = "estimate"
    if m is not None:
        before = folded[lo:s].rstrip()
        sm = _STATUS.search(before)
        word = sm.group(1) if sm else ""
        status = "estimate" if word in ESTIMATE_WORDS else "reported"
        if re.search(r"(?<!\w)(uoc|du kien|khoang)(?!\w)", folded[lo:s]):
            status = "estimate"
        raw = m.group("num")
        number, err = _number(raw)
        scale_word = m.group("scale") or ""
        unit = "%" if m.group("pct") else (m.group("uom") or "")
        # The unit word stays in the phrase: "108 xã đạt chuẩn ..." names "xã đạt chuẩn ...".
        unit_from = m.start("uom") + (s - m.start()) if m.group("uom") else e
        phrase = (sentence[lo:s] + " " + sentence[unit_from:hi]).strip(" ,.;")
        return Statement(
            sentence=sentence,
            start=s,
            end=e,
            phrase=phrase,
            number=number,
            raw=raw,
            scale=SCALES.get(scale_word, Decimal(1)),
            unit=unit,
            family=UNITS.get(unit, unit),
            status=status,
            period=period,
            period_text=ptext,
            place_kind=place_kind,
            place_name=place_name,
            claims=[c for _s, _e, c in claims],
            error=err or perr,
            from_image=from_image,
        )
    before = folded[lo:s]
    status = "estimate" if re.search(r"(?<!\w)(uoc|du kien|khoang)(?!\w)", before) else "reported"
    return Statement(
        sentence=sentence,
        start=s,
        end=e,
        phrase=sentence[lo:s].strip(" ,.;"),
        number=growth.number,
        raw=growth.text,
        scale=Decimal(1),
        unit="%",
        family="%",
        status=status,
        period=period,
        period_text=ptext,
        place_kind=place_kind,
        place_name=place_name,
        growth_only=True,
        claims=[c for _s, _e, c in claims],
        error=growth.error or perr,
        from_image=from_image,
    )
