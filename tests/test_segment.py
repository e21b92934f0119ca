"""kg.extraction.segment: jieba with the ontology's words, dictionary tags, offsets."""

import marshal

import pytest

from kg.extraction.segment import _user_words, pos, tokenize

CASES = [
    # (text, words jieba must give)
    ("延伸碳素产业链", ["延伸", "碳素", "产业链"]),
    ("新材料产业链链长冯怀玉", ["产业链", "链长"]),
    ("云南能投威信信源有限公司", ["有限公司"]),
    ("昭阳经开区被列入", ["经开区"]),
]


@pytest.mark.parametrize("text, words", CASES)
def test_ontology_words_stay_whole(text, words):
    got = [t.text for t in tokenize(text)]
    for word in words:
        assert word in got, got


def test_offsets_cover_the_text():
    text = "以云铝海鑫为龙头,绿色铝产业链链长工作取得新成效。"
    toks = tokenize(text, 100)
    assert "".join(t.text for t in toks) == text
    assert all(text[t.start - 100 : t.end - 100] == t.text for t in toks)


def test_dictionary_tags():
    assert pos("延伸") == "v" and pos("龙头") == "n" and pos("云铝海鑫") == ""


def test_trigger_words_never_swallow_a_name_suffix():
    words = _user_words()
    assert "产业链" in words and "有限公司" in words
    assert not [w for w in words if w.endswith("产业链") and w not in ("产业链", "全产业链")]


def test_dictionary_cache_is_made_used_and_survives_damage(tmp_path, monkeypatch):
    from kg.extraction import segment

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = segment._dictionary_path()
    columns = segment._read_dictionary(path)  # parses dict.txt, writes the cache
    caches = list((tmp_path / "chainkg").glob("jieba-dict-*.marshal"))
    tag, freq = segment._find(columns, "延伸")
    assert len(caches) == 1 and tag == "v" and freq > 0
    assert segment._find(columns, "云铝海鑫") == (None, 0)
    assert segment._read_dictionary(path) == columns  # read back from the cache
    caches[0].write_bytes(b"not marshal data")
    assert segment._read_dictionary(path) == columns  # a damaged cache is made anew
    caches[0].write_bytes(marshal.dumps(("a\nb", "n", b"")))  # columns of unequal length
    assert segment._read_dictionary(path) == columns
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # no cache can be made under a file
    assert segment._read_dictionary(path) == columns
