"""An article asked for by its number and document comes first: "Điều 3 Luật Vườn hoa công cộng quy định gì".

Read against the registry of the fictional legal fixtures (Luật Vườn hoa công cộng 12/2030/QH16 replacing
Luật Vườn hoa 20/2010/QH12, which the corpus does not hold; Luật Vườn thú 40/2018/QH14 and its decree)."""
import shutil
from datetime import date

import pytest

from knowledge.asked_article import asked_article
from knowledge.base import KnowledgeBase
from knowledge.index.base import SearchFilters
from knowledge.ingest import Ingestor
from knowledge.models import RegistryEntry
from knowledge.settings import Settings


@pytest.mark.parametrize("question, asked", [
    ("Điều 2a Luật Vườn hoa công cộng quy định gì", ("12/2030/QH16", "2a")),
    ("khoản 1 Điều 3 Nghị định 50/2019/NĐ-CP nói gì?", ("50/2019/NĐ-CP", "3")),
    ("Theo Điều 2 của Luật Vườn thú năm 2018, ai được nuôi thú quý hiếm?", ("40/2018/QH14", "2")),
    ("Điều 5 Luật Vườn hoa", None),  # the 2010 law, replaced: the corpus does not hold it
    ("theo quy định tại Điều 5 thì sao", None),  # no document named
    ("Luật Vườn thú quy định gì về chuồng trại?", None),  # no article named
])
def test_the_article_named_with_its_document(legal_registry, question, asked):
    assert asked_article(question, legal_registry) == asked


class TwoVersions:
    """A title of two versions: the 2015 law, held by the corpus, replaced by a 2025 law it does not hold."""

    OLD = RegistryEntry("80/2015/QH13", "80/2015/QH13", "Luật", "Luật Ban hành văn bản quy phạm pháp luật", "repealed",
                        replaced_by=("64/2025/QH15",), in_corpus=True)
    NEW = RegistryEntry("64/2025/QH15", "64/2025/QH15", "Luật", "Luật Ban hành văn bản quy phạm pháp luật", "in_force")

    def lookup(self, number):
        return None

    def lookup_title(self, title, year=None, in_corpus=False):
        return self.OLD if in_corpus else self.NEW


def test_a_replaced_law_is_read_when_the_corpus_lacks_its_replacement():
    question = "Điều 9 Luật Ban hành văn bản quy phạm pháp luật quy định gì?"
    assert asked_article(question, TwoVersions()) == ("80/2015/QH13", "9")


@pytest.mark.parametrize("question, asked", [
    ("Luật Vườn hoa công cộng có hiệu lực từ ngày nào?", ("12/2030/QH16", "7")),
    ("khi nao luat vuon hoa cong cong 2030 co hieu luc", ("12/2030/QH16", "7")),  # folded
    ("Luật Vườn hoa công cộng quy định gì về hiệu lực của cây?", None),  # not when it takes effect
    ("Luật Cây cảnh có hiệu lực từ ngày nào?", None),  # not a document the registry knows
])
def test_when_a_document_takes_effect_asks_its_article_on_it(legal_registry, question, asked):
    effect = {"12/2030/QH16": "7"}.get
    assert asked_article(question, legal_registry, effect) == asked


def test_the_named_article_comes_first_with_today_s_status(tmp_path, fixtures_dir):
    corpus = tmp_path / "knowledge"
    shutil.copytree(fixtures_dir / "legal", corpus / "legal")
    shutil.copytree(fixtures_dir / "procedures", corpus / "procedures")
    settings = Settings(knowledge_dir=corpus, data_dir=tmp_path / "data", embedder="hash", today=lambda: date(2031, 6, 1))
    Ingestor(settings).ingest()
    kb = KnowledgeBase.open(settings)
    question = "Điều 5 Luật Vườn hoa công cộng quy định gì"
    first = kb.search(question, 3)[0]
    assert (first.passage.doc_id, first.passage.article, first.passage.status, first.ranks) == ("12/2030/QH16", "5", "in_force", {"asked": 1})
    retrieved_too = kb.search("Điều 5 Luật Vườn hoa công cộng: quyền của người sử dụng vườn hoa", 5)
    ids = [e.passage.passage_id for e in retrieved_too]
    assert len(ids) == len(set(ids)) and retrieved_too[0].passage.article == "5"  # once, though retrieved as well
    assert all(e.passage.kind == "procedure" for e in kb.search(question, 3, SearchFilters(kinds=("procedure",))))
    assert kb.effect_article("12/2030/QH16") == "7"  # "Điều 7. Hiệu lực thi hành"
    first = kb.search("Luật Vườn hoa công cộng có hiệu lực từ ngày nào?", 3)[0]
    assert (first.passage.doc_id, first.passage.article, first.ranks) == ("12/2030/QH16", "7", {"asked": 1})
