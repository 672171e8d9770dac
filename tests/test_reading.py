"""One reading of a report (``pipeline.read.reading``): its spans are exactly those the
scanning functions give, on every position of real reports and of hostile text."""
import random
from pathlib import Path

import pytest

from pipeline.meaning.figures import classify_report
from pipeline.read.mentions import context_span, context_window
from pipeline.read.reading import Reading
from pipeline.read.text import CLAUSE_STOP, FULL_STOPS, SENTENCE_STOPS, clean, decode, read_file

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reports"


def texts() -> list[str]:
    random.seed(14)
    alphabet = "。；;！？!?\n，,：:年增长5%的区"
    made = ["", "。", "\n\n", "增长5%", *("".join(random.choice(alphabet) for _ in range(n)) for n in range(1, 200))]
    made.append("增长" * 1500 + "。" + "5%" * 1500)  # stops further apart than SENTENCE_REACH
    made.append("前文[image: 图。1\n]后文！增长５％，[bookmark: a；b]完成。")  # cleaning blanks stops: raw and view differ
    return made + [decode(read_file(p), str(p)).text for p in sorted(SHARED.glob("*.txt"))[:3]]


def clause_before(text: str, pos: int) -> tuple[int, str]:
    """The plain scan ``Reading.clause_before`` must equal: start and text of the
    clause that ends at ``pos`` (back to ，；。 etc.)."""
    start = pos
    while start > 0 and not CLAUSE_STOP.match(text[start - 1]):
        start -= 1
    return start, text[start:pos]


@pytest.mark.parametrize("raw", texts())
def test_spans_are_those_of_the_scanning_functions(raw):
    r = Reading(raw)
    assert r.text == clean(raw)
    step = max(1, len(raw) // 400)
    for pos in range(0, len(raw) + 1, step):
        end = min(len(raw), pos + 3)
        assert r.sentence_span(pos, end) == context_span(r.text, pos, end)
        assert r.sentence_span(pos, pos) == context_span(r.text, pos, pos)
        assert r.sentence_start(pos) == context_span(r.text, pos, pos)[0]
        assert r.raw_window(pos, end) == context_window(raw, pos, end)
        assert r.clause_before(pos) == clause_before(r.text, pos)
        assert r.clause_end(pos) == (stop.start() if (stop := CLAUSE_STOP.search(r.text, pos)) else len(r.text))
        assert r.statement_start(pos) == max(r.text.rfind(stop, 0, pos) for stop in FULL_STOPS + "\n") + 1
        assert r.whole_sentence_start(pos) == max(r.text.rfind(stop, 0, pos) for stop in SENTENCE_STOPS) + 1


def test_classification_leaves_the_record_as_given(make_record):
    record = make_record(review="工业增加值、投资分别增长7%、8%左右。")
    before = repr(record)
    classify_report(record)
    assert repr(record) == before
