"""The fact reader against the hand-labelled set in tests/data/labels (figures in docs/checker.md)."""

from __future__ import annotations

import pytest

from planwatch.checker.evaluate import LabelError, Score, evaluate, parse_labels

from .conftest import DATA

TEXTS = ["seed_chaoyang_2021h1", "heldout_a", "heldout_b", "heldout_c", "heldout_d", "heldout_e"]

# floors a little under the measured values (docs/checker.md): a change that loses facts fails here
FLOORS = {
    "seed_chaoyang_2021h1": (0.98, 0.98),
    "heldout_a": (0.97, 0.97),
    "heldout_b": (0.97, 0.97),
    "heldout_c": (0.97, 0.97),
    "heldout_d": (0.95, 0.95),
    "heldout_e": (0.96, 0.96),
}


def _score(name: str) -> Score:
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return evaluate(text, (DATA / "labels" / f"{name}.tsv").read_text(encoding="utf-8"), name)


def test_labelled_set_is_large_enough_and_covers_the_required_forms() -> None:
    total = 0
    raw = ""
    for name in TEXTS:
        text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
        tsv = (DATA / "labels" / f"{name}.tsv").read_text(encoding="utf-8")
        labels, _ = parse_labels(text, tsv, name)
        total += len(labels)
        raw += tsv
    seed_labels, _ = parse_labels((DATA / "seed_chaoyang_2021h1.txt").read_text(encoding="utf-8"),
                                  (DATA / "labels" / "seed_chaoyang_2021h1.tsv").read_text(encoding="utf-8"))
    assert len(seed_labels) >= 100 and total >= 350
    for form in ("分别", "不少于", "约", "近", "超", "余", "逾", "成]", "/10]", "分之"):
        assert form in raw, form
    assert "\ttarget" in raw


@pytest.mark.parametrize("name", TEXTS)
def test_precision_and_recall_hold(name: str) -> None:
    score = _score(name)
    p_floor, r_floor = FLOORS[name]
    assert score.precision >= p_floor, (score.precision, score.wrong, score.extras)
    assert score.recall >= r_floor, (score.recall, score.misses, score.wrong)


def test_subjects_of_labelled_facts() -> None:
    seed = _score("seed_chaoyang_2021h1")
    assert seed.subject_checked >= 30
    assert seed.subject_correct == seed.subject_checked
    text_e = _score("heldout_e")  # every fact of text E carries its subject
    assert text_e.subject_checked == text_e.labelled
    assert text_e.subject_correct >= 0.9 * text_e.subject_checked


def test_a_wrong_label_is_counted_against_the_reader() -> None:
    text = "关于某区2021年国民经济和社会发展计划上半年执行情况的报告\n上半年GDP实现3640.7亿元，同比增长13.5%。\n"
    right = "GDP实现[3640.7亿元]\t364070000000\t元\tamount\tnone\teq\tactual\n同比增长[13.5%]\t13.5\t%\tgrowth\tyoy\teq\tactual\n"
    assert (evaluate(text, right).precision, evaluate(text, right).recall) == (1.0, 1.0)
    wrong = right.replace("yoy", "avg_annual")
    score = evaluate(text, wrong)
    assert (score.correct, score.field_errors["basis"]) == (1, 1)
    missing = right.splitlines()[0] + "\n"
    assert evaluate(text, missing).precision == 0.5  # the growth figure is found but not labelled
    with pytest.raises(LabelError):
        evaluate(text, "GDP实现3640.7亿元\t1\t元\tamount\tnone\teq\tactual\n")
