from assistant.documents.findings import finding
from evals.make_review_set import DATA, Case, Expected, build, load_cases
from evals.review_eval import SnapshotRegistry, run, score_case, summarize


def test_the_set_is_built_from_its_case_file(tmp_path):
    cases = build(tmp_path)
    assert len(cases) == len(load_cases()) >= 40
    assert {c.kind for c in cases} == {"txt", "docx"}
    assert all(c.path.is_file() for c in cases)
    assert sum(not c.expected for c in cases) >= 10


def test_scoring_matches_codes_and_references():
    case = Case("x", DATA, (Expected("ND30.MARGIN"), Expected("LEGAL_BASIS_REPEALED", "81/2006/QH11")), "docx")
    found = [
        finding("ND30.MARGIN", "lề trái 20 mm", "trang"),
        finding("ND30.MARGIN", "lề phải 25 mm", "trang"),  # one unit: the code
        finding("LEGAL_BASIS_REPEALED", "Luật số 10/2012/QH13 đã hết hiệu lực", "dòng 3"),
        finding("ND30.FONT", "phông chữ “Arial”", "đoạn 1"),
    ]
    outcome = score_case(case, found)
    assert [e.code for e in outcome.matched] == ["ND30.MARGIN"]
    assert [e.code for e in outcome.missed] == ["LEGAL_BASIS_REPEALED"]
    assert [f.code for f in outcome.extra] == ["LEGAL_BASIS_REPEALED", "ND30.FONT"]
    summary = summarize([outcome])
    assert summary["overall"] == {"tp": 1, "fp": 2, "fn": 1, "precision": 1 / 3, "recall": 0.5}


def test_snapshot_registry():
    registry = SnapshotRegistry(DATA / "registry.json")
    assert registry.lookup("81/2006/QH11").replaced_by == ("68/2020/QH14",)
    assert registry.lookup_title("Luật Cư trú").number == "68/2020/QH14"  # the latest of that name


def test_review_meets_the_targets_on_the_labelled_set(tmp_path):
    summary, _ = run(tmp_path)
    assert summary["overall"]["precision"] >= 0.9 and summary["overall"]["recall"] >= 0.9
    assert summary["findings_on_clean_drafts"] == 0
