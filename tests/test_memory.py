"""What a build lets go of, or never holds twice (issue 16: peak memory at 50,000 articles).

Each rule here is a saving measured in docs/performance.md ("Memory at scale"); these tests check the
rule itself on real builds and real objects, since a memory figure is too noisy to assert.
"""

from __future__ import annotations

import gc
import pickle
import weakref

from markdown import Markdown

from conftest import Captured, article
from content_model.prerender import CHUNK, Prerender
from site_core.markdown_config import markdown_kwargs
from up_to_date.pages import Digester
from vi_search.document import SearchDocument
from vi_search.indexer import IndexJob

UNIT = "units/cd-thu-nghiem"


def test_articles_share_one_category_tag_and_author_object_per_name(build_site):
    files = {
        f"{UNIT}/2024/mot.md": article("Một", tags="[Đại hội, Đoàn viên]", author="Lan Anh"),
        f"{UNIT}/2024/hai.md": article("Hai", tags="[Đại hội]", author="Lan Anh"),
        f"{UNIT}/2024/ba.md": article("Ba", tags="[đại hội]"),
    }
    with Captured() as captured:
        build_site(files)
    by_slug = {a.slug: a for a in captured.generator.articles}
    one, two, three = by_slug["mot"], by_slug["hai"], by_slug["ba"]
    assert one.tags[0] is two.tags[0]
    assert one.author is two.author
    assert one.category is two.category is three.category
    # Keyed by the name as written: the same tag page, but each article shows its own spelling.
    assert three.tags[0] is not one.tags[0] and three.tags[0] == one.tags[0]
    assert three.tags[0].name == "đại hội" and one.tags[0].name == "Đại hội"


def test_the_content_cache_is_let_go_of_once_saved_whole(build_site, tmp_path):
    files = {f"{UNIT}/2024/bai-{i}.md": article(f"Bài {i}") for i in range(3)}
    with Captured() as captured:
        site = build_site(files, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    assert captured.generator.readers._cache == {}
    with open(tmp_path / "cache" / "ArticlesGenerator-Readers", "rb") as saved_file:  # GZIP_CACHE = False
        saved = pickle.load(saved_file)  # noqa: S301 - the cache this test's own build just wrote
    assert sorted(path for path in saved if "/2024/" in path) == sorted(str(site.content / rel) for rel in files)


def test_the_markdown_worker_keeps_no_result_it_has_handed_out():
    bodies = [(f"k{i}", f"Đoạn **{i}**") for i in range(3 * CHUNK)]
    kwargs = markdown_kwargs({})
    worker = Prerender(bodies, kwargs)
    try:
        mine = [key for i, (key, _) in enumerate(bodies) if i % 3 < 2]
        first = worker.get(mine[0])
        # The rest of that chunk waits in _ready; no future holds the chunk any more.
        chunk = set(mine[:CHUNK])
        assert not chunk & set(worker._futures)
        assert set(worker._ready) == chunk - {mine[0]}
        md = Markdown(**kwargs)
        got = {mine[0]: first, **{key: worker.get(key) for key in mine[1:]}}
        assert got == {key: md.reset().convert(body) for key, body in bodies if key in got}
        assert worker._ready == {} and worker._futures == {}
    finally:
        worker.close()


class Thing:
    def __init__(self, **fields):
        self.__dict__.update(fields)


def test_the_frame_digest_keeps_neither_the_fields_it_made_nor_their_texts():
    things = [Thing(name=f"bài {i}", tags=[f"t{i}"], when=i) for i in range(5)]
    digester = Digester()
    digest = digester.frame({"things": things, "SITENAME": "x"})
    assert digest == Digester().frame({"things": things, "SITENAME": "x"})
    assert digester.light_fields == []
    # Only what the context holds is kept (so that its id is not reused), never a dict made here.
    kept_dicts = [value for value in digester._keep if isinstance(value, dict)]
    assert not [d for d in kept_dicts if set(d) == {"name", "tags", "when"}]


def test_the_search_index_lets_go_of_its_documents_once_indexed(tmp_path):
    docs = [SearchDocument(url=f"/bai-{i}/", title=f"Bài {i}", body_html=f"<p>Công đoàn {i}</p>",
                           meta={"date": "2024-05-01"}, sort={"date": "2024-05-01T08:00"}) for i in range(3)]
    refs = [weakref.ref(doc) for doc in docs]
    job = IndexJob(docs, cache=tmp_path / "cache")
    del docs
    stats = job.finish(tmp_path / "bundle")
    gc.collect()
    assert stats.documents == 3 and (tmp_path / "bundle" / "shards.json").is_file()
    assert [ref() for ref in refs] == [None, None, None]


def test_bodies_carry_no_utf8_copy_from_the_content_cache(build_site):
    """Pelican's content cache pickles each body; a pickled non-ASCII str keeps a UTF-8 copy inside
    (sys.getsizeof counts it). After the cache is saved, the bodies are fresh strings again."""
    import sys

    files = {f"{UNIT}/2024/bai-{i}.md": article(f"Bài {i}", body="Công đoàn cơ sở tổ chức đối thoại. " * 60)
             for i in range(3)}
    with Captured() as captured:
        build_site(files, CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    bodies = [a._content for a in captured.generator.articles]
    assert len(bodies) == 3 and all("đối thoại" in b for b in bodies)
    for body in bodies:
        assert sys.getsizeof(body) == sys.getsizeof("".join((body, ""))), "a UTF-8 copy is still attached"
