"""Map a figure's subject to a standard concept of ``rules/codebook.csv``.

Reports name the same concept many ways (生产总值, 地区生产总值, GDP, 全区生产总值);
the codebook lists them as aliases. A subject matches when, after dropping
region prefixes (全区, 全市 …: cues kind own_scope) and a rate word (增速:
cues kind rate_suffix) or a word for the whole count (总数: cues kind
total_suffix), it equals a name or alias, or ends with one.
"""
from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.rules.patterns import any_cue, cue_words
from pipeline.read.text import COLONS, LIST_PAUSE, NO_QUOTES, PAUSES, SENTENCE_STOP, char_class
from pipeline.rules import cues, table

MIN_SUFFIX = 4
ITEM_BREAK = re.compile(char_class(PAUSES + COLONS + LIST_PAUSE))
CLAUSE_BREAK = re.compile(char_class(PAUSES + COLONS))


@cache
def _prefix() -> re.Pattern:
    return re.compile(f"^(?:{cue_words('own_scope')})")


@cache
def _suffix() -> re.Pattern:
    """A rate word (增速) or a word for the whole count (总数) at the end of a subject."""
    return re.compile(f"(?:{cue_words('rate_suffix')}|{cue_words('total_suffix')})$")


@lru_cache(maxsize=None)
def aliases() -> dict[str, str]:
    """Every name and alias (without quotes) → its code."""
    out: dict[str, str] = {}
    for row in table("codebook"):
        for name in [row["name_zh"], *filter(None, row["aliases"].split("|"))]:
            out.setdefault(name.translate(NO_QUOTES), row["code"])
    return out


@lru_cache(maxsize=4096)
def code_for(subject: str, region: str = "") -> str:
    """The codebook code of ``subject``, or '' when it is no standard concept.
    Kept per subject: a figure asks for it up to three times (with its flow word,
    alone, read with the clause before) and the scorecard again, and a region's
    reports name the same concepts year after year."""
    names = aliases()
    if subject in names:
        return names[subject]  # 新建和改造提升高标准农田: an alias may be written with a link
    if any_cue("list_link").search(subject):
        return ""  # 旅游接待人次、旅游综合收入: a list names several concepts, none of them alone
    if any_cue("narrowing").search(subject):
        return ""  # 吸纳京津技术合同成交额, 新型农业经营主体: a part of the concept, not the concept
    subject = _prefix().sub("", subject.removeprefix(region).translate(NO_QUOTES)) if subject else ""
    subject = _suffix().sub("", subject)  # 地区生产总值增速 (ranked) is still GDP; 高新技术企业总数, 高新技术企业
    if subject in names:
        return names[subject]
    for size in range(len(subject) - 1, MIN_SUFFIX - 1, -1):
        if subject[-size:] in names:
            return names[subject[-size:]]
    return ""


def figure_code(row: dict, region: str = "") -> str:
    """The code of a figure's subject, read with the word of new things (cues kind
    flow) written just before it: the subject drops it as a lead word (新设外资企业20家
    → 外资企业), yet 新设外资企业 and 外资企业 are different concepts (new ones, the stock)."""
    subject = row.get("subject", "")
    item = ITEM_BREAK.split(_before(row))[-1]  # 净增市场主体3000家、达到3.3万家: the stock, no 净增 in its item
    ahead = item[:item.rfind(subject)] if subject and subject in item else ""
    flows = cues("flow")  # one test of them all first: most subjects follow none
    flow = next((cue for cue in flows if ahead.endswith(cue)), "") if ahead.endswith(flows) else ""
    return (flow and code_for(flow + subject, region)) or code_for(subject, region) or _built_code(row, region)


def _built_code(row: dict, region: str) -> str:
    """The code of a bare head noun (投资: cues kind bare_head) read with what the
    clause before builds (推进重大工程建设，全年完成投资2400亿元 → 重大工程投资): the
    sentence names the thing once, in the clause whose verb (建设: cues kind
    noun_tail) it is the object of, and the money clause only points back to it."""
    if row.get("subject") not in cues("bare_head"):
        return ""
    clauses = clauses_before(row)
    built = clauses[-2] if len(clauses) > 1 else ""
    tail = next((cue for cue in cues("noun_tail") if built.endswith(cue)), "")
    return code_for(built.removesuffix(tail) + row["subject"], region) if tail else ""


def conditioned(row: dict) -> bool:
    """Whether the sentence narrows the figure before it (扣除房地产开发投资后，固定资产投资增长2.7%)
    or the figure is the share of a goal met (完成全年目标的125%): either is not the
    standard concept, so it gets no code (cues of kinds condition and goal_share)."""
    before = _before(row)
    return any_cue("condition").search(before) is not None or before.endswith(cues("goal_share"))


def clauses_before(row: dict) -> tuple[str, ...]:
    """The clauses of the figure's sentence up to its number, the figure's own
    (the words before its number) last; never empty."""
    return _clauses(row.get("context", ""), row.get("raw", ""))


@lru_cache(maxsize=64)
def _clauses(context: str, raw: str) -> tuple[str, ...]:
    """:func:`clauses_before` of a context and a number, split once: the scorecard
    asks for one figure's clauses three or four times in a row."""
    return tuple(CLAUSE_BREAK.split(SENTENCE_STOP.split(_context_before(context, raw))[-1]))


def _before(row: dict) -> str:
    """The figure's context up to its number ('' when the number is not in it)."""
    return _context_before(row.get("context", ""), row.get("raw", ""))


def _context_before(context: str, raw: str) -> str:
    """``context`` up to ``raw``, the number ('' when it is not in it)."""
    at = context.find(raw)
    return context[:at] if at != -1 else ""


def rows() -> list[dict]:
    """The codebook resource."""
    return [dict(row) for row in table("codebook")]
