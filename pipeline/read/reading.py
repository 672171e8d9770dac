"""One reading of a report: its decoded text, the cleaned view and the spans
the rules ask for again and again, built once per report and shared.

Classification, areas and projects each ask, for thousands of positions, where
the clause or the sentence holding it starts and ends. Scanning the text back
and forth for that on every question cost more than the rules themselves; here
the stops are found once (one regular-expression pass per set of stops) and
every start is one index into a per-position list (an end, one bisection). The answers are exactly
those of ``mentions.context_span`` and of a plain scan (back or on) for a clause
stop (tests/test_reading.py checks them against each other), so nothing the
rules decide changes.

A ``Reading`` is never written to after it is built, and it writes into
nothing it is given.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cached_property
from itertools import accumulate

from pipeline.read.mentions import MAX_CONTEXT, SENTENCE_REACH
from pipeline.read.text import CLAUSE_STOPS, FULL_STOPS, SENTENCE_STOPS, char_class, clean


class Stops:
    """Where the characters of one set stand in one text: the position just after
    each, ascending, for bisection (from the lengths of the pieces between them,
    which makes no match object per stop), and, for every position, where the run
    of text holding it opens: tens of thousands of questions a report are each one
    index, not a bisection."""

    def __init__(self, text: str, chars: str) -> None:
        sizes = list(map((1).__add__, map(len, re.split(char_class(chars), text))))  # a piece and its stop
        self.after = list(accumulate(sizes[:-1]))
        self.opening: list[int] = []
        for opens, size in zip([0, *self.after], sizes):  # the last piece's "stop" is the position past the text's end
            self.opening += [opens] * size  # one list of a piece's positions, not one item at a time

    def first_from(self, pos: int) -> int:
        """The first stop at or after ``pos`` (-1 if none)."""
        i = bisect_left(self.after, pos + 1)
        return self.after[i] - 1 if i < len(self.after) else -1


class Reading:
    """A report's text (``raw``, the decoded text every offset points into) and
    its cleaned view (``text``, same length), with their stops."""

    def __init__(self, raw: str, text: str | None = None) -> None:
        self.raw = raw
        self.text = clean(raw) if text is None else text

    @cached_property
    def _sentences(self) -> Stops:
        return Stops(self.text, SENTENCE_STOPS)

    @cached_property
    def _raw_sentences(self) -> Stops:
        """The decoded text's sentence stops: the cleaned view's where cleaning
        changed nothing (most reports), so that text is read once."""
        return self._sentences if self.raw == self.text else Stops(self.raw, SENTENCE_STOPS)

    @cached_property
    def _clauses(self) -> Stops:
        return Stops(self.text, CLAUSE_STOPS)

    @cached_property
    def _statements(self) -> Stops:
        return Stops(self.text, FULL_STOPS + "\n")

    def sentence_span(self, start: int, end: int) -> tuple[int, int]:
        """``mentions.context_span(self.text, start, end)``."""
        return _span(self._sentences, len(self.text), start, end)

    def sentence_start(self, pos: int) -> int:
        """``self.sentence_span(pos, pos)[0]``, without looking for the end: where a
        zone may open the sentence holding ``pos`` (asked for every figure, some twice)."""
        return _start(self._sentences, pos)

    def whole_sentence_start(self, pos: int) -> int:
        """Just after the last sentence stop before ``pos`` (0 if none), at any distance:
        a walk back over a paragraph's sentences steps from stop to stop, so the figures
        of one sentence, however long, share every step (``sentence_start``'s reach
        would start each figure's walk at its own point)."""
        return self._sentences.opening[pos]

    def statement_start(self, pos: int) -> int:
        """Just after the last full stop or line break before ``pos`` (0 if none), at
        any distance: a semicolon's clauses go on about one thing. Searching the text
        back for each stop character read back to the report's start for the rare ones."""
        return self._statements.opening[pos]

    def raw_window(self, start: int, end: int) -> tuple[int, int]:
        """``mentions.context_window(self.raw, start, end)``."""
        first, last = _span(self._raw_sentences, len(self.raw), start, end)
        if last - first <= MAX_CONTEXT:
            return first, last
        left = max(first, start - max(0, MAX_CONTEXT - (end - start)) // 2)
        right = min(last, max(end, left + MAX_CONTEXT))
        return max(first, min(left, right - MAX_CONTEXT)), right

    def clause_start(self, pos: int) -> int:
        """Where the clause ending at ``pos`` starts (back to ，；。 etc.)."""
        return self._clauses.opening[pos]

    def clause_end(self, pos: int) -> int:
        """Where the clause ``pos`` lies in stops: its next clause stop, or the text's end."""
        stop = self._clauses.first_from(pos)
        return len(self.text) if stop == -1 else stop

    def clause_before(self, pos: int) -> tuple[int, str]:
        """Start and text of the clause ending at ``pos`` (back to ，；。 etc.)."""
        start = self.clause_start(pos)
        return start, self.text[start:pos]


def _start(stops: Stops, start: int, reach: int = SENTENCE_REACH) -> int:
    """The left end of ``mentions.context_span``: just after the last stop before
    ``start``, at most ``reach`` characters back."""
    return max(stops.opening[start], start - reach)


def _span(stops: Stops, length: int, start: int, end: int, reach: int = SENTENCE_REACH) -> tuple[int, int]:
    """``mentions.context_span`` answered from the stops of the text."""
    right = stops.first_from(end)
    return _start(stops, start, reach), (right + 1 if right != -1 and right < end + reach else min(length, end + reach))
