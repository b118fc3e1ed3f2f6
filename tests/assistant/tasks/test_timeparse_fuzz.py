"""The time parser on arbitrary Vietnamese text: a moment, a question back or nothing, never a crash."""
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.tasks.dates import TZ
from assistant.tasks.timeparse import Clarification, When, extract_when, parse_when
from tests.strategies import vietnamese_text

moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2090, 12, 31)).map(lambda d: d.replace(tzinfo=TZ))


@settings(max_examples=300, deadline=2000)
@given(text=vietnamese_text, now=moments)
def test_any_text_gives_a_future_moment_or_a_question(text, now):
    result = parse_when(text, now)
    assert isinstance(result, When | Clarification)
    if isinstance(result, When):
        assert result.due.tzinfo is not None and result.due > now - timedelta(minutes=1)
    else:
        assert result.question


@settings(max_examples=300, deadline=2000)
@given(text=vietnamese_text, now=moments)
def test_spans_lie_inside_the_normalised_text(text, now):
    extraction = extract_when(text, now)
    for start, end in extraction.spans:
        assert 0 <= start < end <= len(extraction.text)
