"""Rà soát on a real law of the shared corpus (skipped without ../shared)."""
import pytest

from assistant.documents.rasoat import rasoat_text, split_articles
from tests.assistant.documents.doubles import FakeRetriever

pytestmark = pytest.mark.shared


def test_the_law_on_residence_splits_into_its_articles(shared_dir, registry):
    text = (shared_dir / "knowledge" / "legal" / "vlc-2022" / "Luat-68-2020-QH14-cu-tru-435315.txt").read_text(
        encoding="utf-8"
    )
    articles = split_articles(text)
    assert len(articles) == 38
    assert (articles[0].number, articles[0].heading) == ("1", "Phạm vi điều chỉnh")
    assert articles[36].heading.startswith("Sửa đổi, bổ sung, bãi bỏ một số điều")
    report = rasoat_text(text, registry, FakeRetriever(), k=1)
    assert report.number == "68/2020/QH14"
    assert report.bases == ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",)
    assert report.cited == ()  # the Constitution is cited by name: nothing to look up
