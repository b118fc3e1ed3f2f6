"""Validity feeds of a deployment: the knowledge folder's at ingest, imported ones at once and at every ingest."""
import shutil
from datetime import date

import pytest

from knowledge.base import current_registry
from knowledge.errors import BadInput
from knowledge.ingest import Ingestor
from knowledge.settings import Settings
from knowledge.validity import all_feeds, import_feed

HEADER = "number\ttitle\tstatus\tsince\treplaced_by\tbasis\n"
# The fixture Luật Vườn hoa công cộng 12/2030/QH16 repeals Luật Vườn hoa 20/2010/QH12 from its own 01/01/2031.
EARLIER = "20/2010/QH12\tLuật Vườn hoa\trepealed\t2030-09-01\t12/2030/QH16\tLuật số 99/2030/QH16 dời ngày hiệu lực\n"
DAY = date(2030, 10, 1)


@pytest.fixture
def corpus(tmp_path, fixtures_dir):
    root = tmp_path / "knowledge"
    shutil.copytree(fixtures_dir / "legal", root / "legal")
    shutil.copytree(fixtures_dir / "procedures", root / "procedures")
    return root


@pytest.fixture
def settings(corpus, tmp_path):
    return Settings(knowledge_dir=corpus, data_dir=tmp_path / "data", embedder="hash", today=lambda: DAY)


def write_feed(path, *rows):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def garden(settings):
    """Luật Vườn hoa as the current generation's registry has it, and that generation."""
    with current_registry(settings) as registry:
        return registry.lookup("20/2010/QH12"), registry.path.parent


def test_the_knowledge_folders_feeds_are_applied_at_ingest(settings, corpus):
    write_feed(corpus / "legal" / "status" / "hieu-luc.tsv", EARLIER)
    assert [f.name for f in all_feeds(settings)] == ["legal/status/hieu-luc.tsv"]
    assert Ingestor(settings).ingest().errors == []
    old, _ = garden(settings)
    assert (old.status, old.status_since, old.status_source, old.replaced_by) == ("repealed", date(2030, 9, 1), "feed", ("12/2030/QH16",))
    assert old.basis == "Luật số 99/2030/QH16 dời ngày hiệu lực"


def test_a_changed_feed_makes_the_ingest_run_again(settings, corpus):
    feed = write_feed(corpus / "legal" / "status" / "hieu-luc.tsv", EARLIER)
    Ingestor(settings).ingest()
    assert not Ingestor(settings).ingest().changed
    write_feed(feed, EARLIER.replace("2030-09-01", "2030-08-01"))
    assert Ingestor(settings).ingest().changed
    assert garden(settings)[0].status_since == date(2030, 8, 1)


def test_a_bad_feed_at_ingest_is_reported_with_its_line_and_changes_nothing(settings, corpus):
    write_feed(corpus / "legal" / "status" / "hieu-luc.tsv", EARLIER, "12/2030/QH16\tLuật Vườn hoa công cộng\trepealed\t2031-02-30\t\tx\n")
    report = Ingestor(settings).ingest()
    assert report.errors == [("legal/status/hieu-luc.tsv", "legal/status/hieu-luc.tsv:3: ngày '2031-02-30' không có thật (impossible date)")]
    old, _ = garden(settings)
    assert (old.status, old.upcoming.since, old.upcoming.source) == ("unknown", date(2031, 1, 1), "corpus")  # no row applied


def test_an_imported_feed_applies_at_once_and_again_at_every_ingest(settings, corpus, tmp_path):
    Ingestor(settings).ingest()
    before, generation = garden(settings)
    # Only cited by the fixture corpus: unknown until the 2030 law repeals it.
    assert (before.status, before.upcoming.status, before.upcoming.since) == ("unknown", "repealed", date(2031, 1, 1))
    imported = import_feed(settings, write_feed(tmp_path / "cap-nhat.tsv", EARLIER))
    assert (imported.name, imported.rows, imported.generation) == ("status/0001-cap-nhat.tsv", 1, generation.name)
    after, same = garden(settings)
    assert same == generation and (after.status, after.status_source) == ("repealed", "feed")
    law = corpus / "legal" / "Luat-Vuon-hoa-cong-cong-2030.txt"
    law.write_text(law.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert Ingestor(settings).ingest().changed
    again, newer = garden(settings)
    assert newer != generation and (again.status, again.status_since) == ("repealed", date(2030, 9, 1))


def test_importing_a_file_of_the_same_name_replaces_the_earlier_copy(settings, tmp_path):
    Ingestor(settings).ingest()
    import_feed(settings, write_feed(tmp_path / "cap-nhat.tsv", EARLIER))
    second = import_feed(settings, write_feed(tmp_path / "cap-nhat.tsv", EARLIER.replace("2030-09-01", "2030-08-15")))
    assert second.name == "status/0002-cap-nhat.tsv"
    assert sorted(p.name for p in (settings.data_dir / "status").iterdir()) == ["0002-cap-nhat.tsv"]
    assert garden(settings)[0].status_since == date(2030, 8, 15)
    with current_registry(settings) as registry:
        assert registry.feeds() == ["status/0002-cap-nhat.tsv"]


def test_a_bad_import_names_the_file_and_line_and_leaves_everything_as_it_was(settings, corpus, tmp_path):
    write_feed(corpus / "legal" / "status" / "hieu-luc.tsv", EARLIER)
    Ingestor(settings).ingest()
    with current_registry(settings) as registry:
        before = registry.entries()
    cycle = write_feed(tmp_path / "vong.tsv", "12/2030/QH16\tLuật Vườn hoa công cộng\trepealed\t2030-12-01\t20/2010/QH12\tx\n")
    with pytest.raises(BadInput, match=rf"{cycle}:2: vòng thay thế 12/2030/QH16 → 20/2010/QH12 → 12/2030/QH16"):
        import_feed(settings, cycle)
    unknown = write_feed(tmp_path / "sai.tsv", EARLIER.replace("repealed", "het_hieu_luc"))
    with pytest.raises(BadInput, match=rf"{unknown}:2: .*unknown status"):
        import_feed(settings, unknown)
    with current_registry(settings) as registry:
        assert registry.entries() == before
        assert registry.feeds() == ["legal/status/hieu-luc.tsv"]
    assert not (settings.data_dir / "status").exists() or not any((settings.data_dir / "status").iterdir())


def test_import_needs_an_index(settings, tmp_path):
    with pytest.raises(BadInput, match="no index yet"):
        import_feed(settings, write_feed(tmp_path / "cap-nhat.tsv", EARLIER))
