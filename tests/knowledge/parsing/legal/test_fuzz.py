"""The legal parser on arbitrary text: a list of documents or BadInput, within a time bound."""
import re

from hypothesis import given, settings

from knowledge.errors import BadInput
from knowledge.parsing.legal import parse_legal_text
from tests.strategies import vietnamese_lines


@settings(max_examples=200, deadline=2000)
@given(text=vietnamese_lines)
def test_any_text_parses_or_is_refused_with_a_reason(text):
    for suffix in (".txt", ".md"):
        try:
            documents = parse_legal_text(text, "fuzz", "fuzz", suffix)
        except BadInput as error:
            assert str(error)
            continue
        for parsed in documents:
            for dieu in parsed.articles:
                assert dieu.appendix is not None or re.fullmatch(r"\d+[a-zđ]?", dieu.number)
                assert dieu.citation(parsed.document.title or "văn bản").endswith(parsed.document.title or "văn bản")
