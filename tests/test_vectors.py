"""Word vectors: the soft-alignment score, the stored model, training, and their use by the comparator."""
import numpy as np
import pytest

from quotes.comparing import WEIGHTS, _views
from quotes.vectors import WordVectors, default_vectors, train_vectors


def _toy() -> WordVectors:
    vectors = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]], dtype=np.float32)  # 冲突≈紧张, 农业 apart
    return WordVectors(["冲突", "紧张", "农业"], vectors, np.ones(3, dtype=np.float32), unseen_idf=1.0)


def test_soft_alignment_matches_near_words_and_the_same_unseen_word_only():
    sim = _toy().soft_similarity([["冲突"], ["冲突", "某某"], []], [["紧张"], ["农业"], ["某某"]])
    assert sim[0, 0] == pytest.approx(0.8)  # the cosine of the two words
    assert sim[0, 1] == 0.0  # unrelated: below the floor
    assert sim[1, 2] == pytest.approx(2 * 0.5 * 1.0 / 1.5)  # 某某 (unseen) matches itself; recall 1/2, precision 1
    assert not sim[2].any()  # a statement without content words is like nothing
    assert _toy().soft_similarity([["甲乙"]], [["丙丁"]])[0, 0] == 0.0  # two different unseen words are not alike


def test_soft_alignment_is_the_same_however_the_words_are_blocked(monkeypatch):
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(40)]
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    model = WordVectors(words, vectors, rng.uniform(1, 3, 40).astype(np.float32), unseen_idf=3.0)
    a = [list(rng.choice(words, 5)) for _ in range(7)]
    b = [list(rng.choice(words, 4)) for _ in range(6)]
    whole = model.soft_similarity(a, b, floor=0.2)
    monkeypatch.setattr("quotes.vectors._BLOCK_ROWS", 3)  # blocks that cut statements apart
    assert np.allclose(model.soft_similarity(a, b, floor=0.2), whole)


def test_the_stored_vectors_put_paraphrases_near_and_other_topics_apart():
    model = default_vectors()
    assert model is not None, "models/vectors is missing: quotes train vectors"
    sim = model.soft_similarity([["深化", "经贸", "合作"]], [["加强", "经济", "交流"], ["音乐会", "门票", "售罄"]])
    assert sim[0, 0] > 0.4 and sim[0, 1] < 0.1


def test_the_comparator_sees_paraphrases_through_the_vectors():
    views = _views(["愿深化经贸合作"], ["要加强经济交流"])
    assert len(views) == len(WEIGHTS)
    assert views[2][0, 0] == 0.0 and views[-1][0, 0] > 0.2  # no word in common, near words all the same


def test_training_gives_unit_vectors_for_the_words_seen_often_enough():
    texts = ["两国加强经贸合作。双方深化经贸交流。", "两国加强人文交流。双方深化人文合作。"] * 5
    model, card = train_vectors(texts, dims=2, min_count=5)
    assert card["words"] == len(model.words) and card["dims"] == 2
    assert np.allclose(np.linalg.norm(model.vectors, axis=1), 1.0, atol=1e-3)
    assert (model.idf > 0).all() and model.unseen_idf >= model.idf.max()
