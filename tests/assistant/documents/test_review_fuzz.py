"""Review of arbitrary text drafts: findings with known codes or BadInput, within a time bound."""
from hypothesis import given, settings

from assistant.documents.findings import CODES
from assistant.documents.lines import text_lines
from assistant.documents.review import review_lines
from knowledge.errors import BadInput
from tests.strategies import vietnamese_lines


@settings(max_examples=200, deadline=2000)
@given(text=vietnamese_lines)
def test_any_draft_gets_known_findings_or_a_reason(text):
    try:
        result = review_lines(text_lines(text))
    except BadInput as error:
        assert str(error)
        return
    assert all(finding.code in CODES for finding in result.findings)
