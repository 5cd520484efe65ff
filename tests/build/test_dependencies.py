"""An edit plans only the pages that show the edited record, and the site is
still exactly what a cold build writes."""

from __future__ import annotations

from array import array

from khotin.records import render_record
from khotin.build import dependencies
from khotin.site import urls
from khotin.site.factory import DeferredPage, Planner
from tests.site.fixtures import RECORDS, copy_templates
from tests.site.sitecheck import tree


def planned_pages(monkeypatch) -> list[str]:
    """The paths of the article and listing pages, and of the feeds ("feed:" + path), planned by
    the builds that follow (in this process: these small sites render without workers)."""
    made: list[str] = []
    for method in ("article", "listing_page"):
        real = getattr(Planner, method)

        def spy(self, *args, _real=real):
            spec = _real(self, *args)
            made.append(spec.path)
            return spec
        monkeypatch.setattr(Planner, method, spy)
    real_feed = Planner.feed_view

    def feed_spy(self, path, *args):
        made.append(f"feed:{path}")
        return real_feed(self, path, *args)
    monkeypatch.setattr(Planner, "feed_view", feed_spy)
    return made


def save(workspace, record) -> None:
    (workspace.content / f"{record.slug}.md").write_text(render_record(record), encoding="utf-8")


def cold(workspace, tmp_path) -> dict[str, bytes]:
    (tmp_path / "cold").mkdir()
    workspace.build(out=tmp_path / "cold" / "site")
    return tree(tmp_path / "cold" / "site")


def test_an_edit_plans_only_the_pages_that_show_the_record(workspace, tmp_path, monkeypatch):
    workspace.build()
    made = planned_pages(monkeypatch)
    edited = RECORDS[2].with_changes(title="Lê Chân mở đợt cao điểm", body="Nội dung mới.")
    save(workspace, edited)
    workspace.build()
    everything, feeds = len(made), sum(1 for path in made if path.startswith("feed:"))
    assert f"bai/{edited.slug}/" in made
    assert f"feed:{urls.HOME}" in made, "the home feed shows every record of this small site"
    assert all(page != "bai/ba-dinh-tong-ket/" for page in made), "an article that does not show it was planned"
    made.clear()
    assert tree(workspace.out) == cold(workspace, tmp_path)
    assert 0 < everything < len(made), "the cold build plans every page"
    assert 0 < feeds < sum(1 for path in made if path.startswith("feed:")), "feeds without the record were planned"


def test_a_new_tag_or_a_template_edit_plans_every_page(workspace, tmp_path, monkeypatch):
    workspace.build()
    made = planned_pages(monkeypatch)
    save(workspace, RECORDS[2].with_changes(tags=("tội phạm", "ma túy")))
    workspace.build()
    reshaped = len(made)
    templates = copy_templates(tmp_path / "templates")
    page = templates / "article.html"
    page.write_text(page.read_text(encoding="utf-8").replace("</article>", "<!-- sửa -->\n</article>", 1),
                    encoding="utf-8")
    made.clear()
    workspace.build(templates=templates)
    assert reshaped == len(made) > 0
    assert sum(1 for path in made if path.startswith("bai/")) == len(RECORDS)


def test_a_page_is_known_unchanged_only_while_environment_shape_and_its_records_are():
    page = DeferredPage("bai/x/", "article.html", lambda: None)
    inputs = dependencies.PageInputs("env", "shape", ("a", "b"))

    shown = array("I", [1]).tobytes()

    def previous(before):
        return {"views": {"bai/x/index.html": "key"}, "inputs": before.to_json({"bai/x/index.html": shown})}

    assert dependencies.unchanged_pages(previous(inputs), inputs, (page,)) == {"bai/x/": ("key", shown)}
    assert dependencies.unchanged_pages(previous(dependencies.PageInputs("env", "shape", ("z", "b"))), inputs, (page,)), \
        "a record the page does not show changed"
    for before in (dependencies.PageInputs("env2", "shape", ("a", "b")), dependencies.PageInputs("env", "shape2", ("a", "b")),
                   dependencies.PageInputs("env", "shape", ("a", "z")), dependencies.PageInputs("env", "shape", ("a",))):
        assert dependencies.unchanged_pages(previous(before), inputs, (page,)) == {}
