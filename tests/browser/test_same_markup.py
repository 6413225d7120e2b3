"""The same markup at build time and in the browser, over many answer sets: the engine lays out the
result, cost and plan views as element trees (calculator/view_trees.py); the build writes them
with present.py's to_html, the page mounts them with present.mjs. Here Chromium mounts the trees
of 60 answer sets, 20 cost comparisons and a plan of eight workstreams and compares each with
the browser's own parse of to_html's output, element for element (SVG included)."""

from __future__ import annotations

import random

from calculator import score
from calculator.cost import compare_costs
from calculator.cost_view import cost_view
from calculator.errors import CalculatorError
from calculator.plan import plan
from calculator.plan_view import plan_view
from calculator.present import El, to_html, to_json
from calculator.view import result_view
from calculator.view_trees import Place, cost_tree, plan_tree, result_tree
from tests.engine.test_view_trees import PLACE, random_answers, random_figures
from tests.support.browser import SITE_MODULE

PAGE = "calculator/"


def _trees() -> list[El]:
    rng = random.Random(60)
    trees = []
    for _ in range(60):
        answers, weights = random_answers(rng)
        trees.append(El("div", {}, result_tree(result_view(score(answers, weights)), PLACE)))
    for _ in range(20):
        try:
            cost = compare_costs(random_figures(rng))
        except CalculatorError:
            continue
        trees.append(El("div", {}, cost_tree(cost_view(cost, None), Place(uid="x1", heading=4))))
    streams = [{"name": f"<b>Stream {i}</b> & co", "answers": random_answers(rng)[0]} for i in range(8)]
    trees.append(El("div", {}, plan_tree(plan_view(plan(streams)), PLACE)))
    return trees


def test_every_tree_mounts_as_the_markup_the_build_writes(page, site_server):
    page.goto(site_server + PAGE)
    trees = _trees()
    assert len(trees) >= 70
    differ = page.evaluate("""async (pairs) => {
        const { mount } = await (""" + SITE_MODULE + """)("present.mjs");
        const differ = [];
        pairs.forEach(([tree, html], i) => {
            const mounted = mount(tree);
            const parsed = document.createElement("template");
            parsed.innerHTML = html;
            const built = parsed.content.firstElementChild;
            // isEqualNode compares names, namespaces, attributes and children: an SVG built in
            // the wrong namespace, or a missing space between words, is a difference. Adjacent
            // text nodes (the mount appends a tree's texts one by one) are joined first, as the
            // parser joins them.
            mounted.normalize();
            if (!mounted.isEqualNode(built)) differ.push([i, mounted.outerHTML.slice(0, 300), built.outerHTML.slice(0, 300)]);
        });
        return differ;
    }""", [[to_json(tree), to_html(tree)] for tree in trees])
    assert differ == []
    namespaces = page.evaluate("""async (tree) => {
        const { mount } = await (""" + SITE_MODULE + """)("present.mjs");
        const el = mount(tree);
        return [...el.querySelectorAll("svg, rect, title, meter")].map((e) => `${e.localName} ${e.namespaceURI}`);
    }""", to_json(next(t for t in trees if "ohc-chart__bar" in to_html(t))))
    assert "svg http://www.w3.org/2000/svg" in namespaces and "rect http://www.w3.org/2000/svg" in namespaces


def test_the_mount_refuses_a_drawing_out_of_place(page, site_server):
    page.goto(site_server + PAGE)
    refused = page.evaluate("""async () => {
        const { mount } = await (""" + SITE_MODULE + """)("present.mjs");
        const tries = [{t: "div", a: [], c: [{t: "rect", a: [], c: []}]},
                       {t: "svg", a: [], c: [{t: "p", a: [], c: []}]},
                       {t: "br", a: [], c: ["x"]}];
        return tries.map((t) => { try { mount(t); return "mounted"; } catch (e) { return e.message; } });
    }""")
    assert refused == ["presentation tree: <rect> belongs inside an <svg>",
                       "presentation tree: <p> cannot sit inside an <svg>",
                       "presentation tree: <br> has no children"]


def _walk(steps: int = 40) -> list[El]:
    """Results as a reader meets them: from the example, one answer changed at a time."""
    from calculator.data import catalogue
    from outside_help_build.engine import example

    rng = random.Random(23)
    answers = dict(example()["answers"])
    questions = catalogue().questions
    trees = []
    for _ in range(steps):
        question = rng.choice(questions)
        answers[question.id] = rng.choice([o.id for o in question.options if o.id != answers.get(question.id)])
        trees.append(El("div", {}, result_tree(result_view(score(answers)), PLACE)))
    return trees


PATCH_WALK = """async (trees) => {
    const { mount, mountInto } = await (""" + SITE_MODULE + """)("present.mjs");
    const target = document.createElement("div");
    document.body.append(target);
    const differ = [];
    let kept = 0, total = 0;
    trees.forEach((tree, i) => {
        const before = new Set(target.querySelectorAll("*"));
        mountInto(target, tree.c);
        const fresh = document.createElement("div");
        fresh.replaceChildren(...tree.c.map((node) => mount(node)));
        if (target.innerHTML !== fresh.innerHTML) differ.push([i, target.innerHTML.slice(0, 200), fresh.innerHTML.slice(0, 200)]);
        const now = [...target.querySelectorAll("*")];
        if (i > 0) { kept += now.filter((e) => before.has(e)).length; total += now.length; }
    });
    target.remove();
    return { differ, kept, total };
}"""


def test_a_result_patched_in_place_reads_as_the_one_mounted_afresh(page, site_server):
    """mountInto changes only what differs between what is shown and the next tree (issue 23:
    fewer nodes to restyle and lay out). Over 60 results, 20 cost comparisons and a plan, one
    after another in one target (so most steps change its shape), each patched target must
    serialise exactly as the tree mounted afresh, attributes in order."""
    page.goto(site_server + PAGE)
    got = page.evaluate(PATCH_WALK, [to_json(tree) for tree in _trees()])
    assert got["differ"] == []


def test_a_reader_changing_one_answer_keeps_most_of_the_result(page, site_server):
    """Changing one answer at a time, most of the result's elements are kept rather than built
    again (so the browser restyles and lays out only what changed), and the result still reads
    as the one mounted afresh."""
    page.goto(site_server + PAGE)
    got = page.evaluate(PATCH_WALK, [to_json(tree) for tree in _walk()])
    assert got["differ"] == []
    assert got["kept"] > got["total"] / 2, got
