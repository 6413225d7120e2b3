"""Replies asked for before they are needed (page-kit.mjs's Foresight), on the calculator page:

- a press on an answer asks for its result before the press ends; the reply is used only when the
  answer really changes to the one pressed, and a press that ends elsewhere changes nothing the
  reader sees;
- once a reader's result (or a shared link's) is painted, the page guesses their next changes
  (calculator.mjs's nextRequests), one request at a time, and a change it guessed is painted in
  the change's own task, with the engine's result for those answers;
- Foresight itself, with a stand-in engine: one guess in flight, a reader's own question never
  queued behind more than one, kept replies handed over for the very same request only, a failed
  one asked again, and at most `keep` of them kept."""

from __future__ import annotations

import re
from pathlib import Path

from calculator import encode_share, result_view, score
from calculator.data import catalogue
from outside_help_build.engine import example
from tests.support.browser import SITE_MODULE, wait_ready


RESULT = "[data-calculator-result]"

# Every request the page sends to its worker, in order (their ops and answers).
RECORD_CALLS = """
window.__calls = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.type === "call") window.__calls.push(JSON.parse(message.request));
  return post.call(this, message, ...rest);
};
"""


def calls(page) -> list[dict]:
    return page.evaluate("() => window.__calls")


def opened(page, site_server) -> int:
    """The calculator page, its requests recorded, once its first answer is out: how many so far."""
    page.add_init_script(RECORD_CALLS)
    page.goto(site_server + "calculator/")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    return len(calls(page))


def label(page, question: str, option: str):
    return page.locator(f'[data-calculator] label:has(> input[name="{question}"][value="{option}"])')


def press(page, question: str, option: str) -> None:
    """Pointer down on the option's label (the page may ask for its result now); stays down."""
    target = label(page, question, option)
    target.scroll_into_view_if_needed()
    box = target.bounding_box()
    page.mouse.move(box["x"] + 10, box["y"] + box["height"] / 2)
    page.mouse.down()


# The example answers direction "shared"; "us" gives another headline ("No model is ready yet"),
# "provider" the same one as the example.
assert example()["answers"]["direction"] == "shared"


def test_a_press_asks_once_and_the_result_follows_the_answer(page, site_server):
    """Down, a pause long enough for the reply, up: one score request for the new answers (asked
    at the press, used at the change), and the result painted is the engine's for them."""
    before = opened(page, site_server)
    answers = dict(example()["answers"])
    answers["direction"] = "us"
    press(page, "direction", "us")
    page.wait_for_function("n => window.__calls.length > n", arg=before)   # asked at the press
    page.wait_for_timeout(300)
    page.mouse.up()
    view = result_view(score(answers))
    page.wait_for_function("headline => document.querySelector('[data-calculator-headline]').textContent === headline"
                           " && document.querySelector('[data-calculator]').dataset.result === 'live'",
                           arg=view["headline"])
    page.wait_for_selector(f"{RESULT}:not([aria-busy])")
    asked = calls(page)[before:]
    assert asked[0]["answers"] == answers, "asked at the press"
    assert [c["answers"] for c in asked].count(answers) == 1, "and only then (the guesses after the change are others)"
    assert page.get_attribute(RESULT, "data-recommendation") == view["recommendation_attr"]
    assert page.is_checked(f'input[name="direction"][value="{answers["direction"]}"]')


def test_a_press_that_ends_elsewhere_changes_nothing(page, site_server):
    """Down on an answer, then away and up on the page's heading: no answer changes, the result
    still shows the example, and the next real change gets its own result, not the guess."""
    opened(page, site_server)
    answers = dict(example()["answers"])
    guessed = "provider"
    headline = page.inner_text("[data-calculator-headline]")
    press(page, "direction", guessed)
    page.wait_for_timeout(300)
    heading = page.locator("h1").first.bounding_box()
    page.mouse.move(heading["x"] + 5, heading["y"] + 5, steps=5)
    page.mouse.up()
    page.wait_for_timeout(300)
    assert page.is_checked(f'input[name="direction"][value="{answers["direction"]}"]')
    assert page.inner_text("[data-calculator-headline]") == headline
    assert page.get_attribute("[data-calculator]", "data-result") == "example"

    answers["direction"] = "us"
    page.check('input[name="direction"][value="us"]')
    view = result_view(score(answers))
    page.wait_for_function("headline => document.querySelector('[data-calculator-headline]').textContent === headline",
                           arg=view["headline"])
    assert answers in [c["answers"] for c in calls(page)]


# ----- guessing the reader's next change -------------------------------------------------------

DOCS = Path(__file__).resolve().parents[2] / "docs" / "javascripts"
GUESSES = int(re.search(r"^const GUESSES = (\d+);", (DOCS / "calculator.mjs").read_text(encoding="utf-8"), re.M)[1])
QUESTIONS = [q.id for q in catalogue().questions]


def changed_question(before: dict, after: dict) -> str:
    """The one question whose answer differs (a guess changes exactly one)."""
    (question,) = [q for q in QUESTIONS if before.get(q) != after.get(q)]
    return question


def wait_calls(page, n: int) -> None:
    page.wait_for_function("n => window.__calls.length >= n", arg=n)


def guessed(answers: dict, start: str, asked_before: list[dict]) -> list[dict]:
    """The answers the page guesses after a change to `start` (GUESSES of them: the other answers
    to `start`, then to the questions after it, wrapping round), less those it has already asked
    for (their replies are kept, so they are not asked again)."""
    at = QUESTIONS.index(start)
    order = [dict(answers, **{q: o.id}) for q in QUESTIONS[at:] + QUESTIONS[:at]
             for o in catalogue().question(q).options if o.id != answers.get(q)][:GUESSES]
    return [a for a in order if a not in asked_before]


def test_after_a_change_the_page_guesses_the_likeliest_next_ones(page, site_server):
    """A reader's change to "direction": once its result is painted the page asks for GUESSES
    results more, each one answer away from the reader's: the other answers to "direction"
    first, then those to the questions after it, in the form's order."""
    before = opened(page, site_server)
    answers = dict(example()["answers"])
    answers["direction"] = "us"
    page.check('input[name="direction"][value="us"]')
    expected = guessed(answers, "direction", [c["answers"] for c in calls(page)[:before]])
    assert len(expected) == GUESSES - 1   # the example's answers were asked for already
    wait_calls(page, before + 1 + len(expected))
    page.wait_for_timeout(500)   # and no more
    asked = calls(page)[before:]
    assert asked[0]["answers"] == answers
    guesses = asked[1:]
    assert [g["answers"] for g in guesses] == expected
    first_three = [changed_question(answers, g["answers"]) for g in guesses[:3]]
    assert first_three == ["direction", "lead_capacity", "lead_capacity"]
    # Each guess is the page's own request for those answers, word for word (else never used).
    assert all({k: v for k, v in g.items() if k != "answers"} == {k: v for k, v in asked[0].items() if k != "answers"}
               for g in guesses)


# One change, then the result read just before the next frame is painted: what the reader sees at
# once (a change the page must ask the worker for waits at least one message there and back).
CHANGE_AND_LOOK = """async ([question, value]) => {
  const before = window.__calls.length;
  const frame = new Promise((resolve) => requestAnimationFrame(resolve));
  document.querySelector(`input[name="${question}"][value="${value}"]`).click();
  await frame;
  const root = document.querySelector("[data-calculator]");
  const result = root.querySelector("[data-calculator-result]");
  return {
    asked: window.__calls.length - before,
    headline: root.querySelector("[data-calculator-headline]").textContent,
    recommendation: result.dataset.recommendation,
    state: root.dataset.result,
    busy: result.hasAttribute("aria-busy"),
  };
}"""


def test_a_guessed_change_is_painted_in_its_own_task_with_the_engines_result(page, site_server):
    """After the guesses are in, a change to one of them shows its result in the next frame: no
    request, nothing busy, and exactly what the engine says for those answers (here another
    headline than the one shown, so a stale paint would show)."""
    before = opened(page, site_server)
    page.check('input[name="direction"][value="us"]')
    wait_calls(page, before + 1 + GUESSES - 1)   # the example's answers were asked for already
    page.wait_for_function("() => !document.querySelector('[data-calculator-result]').hasAttribute('aria-busy')")
    page.wait_for_timeout(300)   # the last guess's reply
    answers = dict(example()["answers"], direction="provider")
    view = result_view(score(answers))
    assert page.inner_text("[data-calculator-headline]") != view["headline"]
    seen = page.evaluate(CHANGE_AND_LOOK, ["direction", "provider"])
    assert seen == {"asked": 0, "headline": view["headline"], "recommendation": view["recommendation_attr"],
                    "state": "live", "busy": False}


def test_a_shared_links_answers_are_guessed_from_the_first_question(page, site_server):
    """Whoever opens a shared link may change its answers: once its result is painted the page
    guesses, from the form's first question on, and a guessed change is then painted at once."""
    answers = dict(example()["answers"], direction="us", urgency="weeks")
    page.add_init_script(RECORD_CALLS)
    page.goto(f"{site_server}calculator/?answers={encode_share(answers, {})}")
    wait_ready(page)
    page.wait_for_function("() => performance.getEntriesByName('calculator:first-answer').length > 0")
    expected = guessed(answers, QUESTIONS[0], [])   # asked before: only the link, which names no answers
    assert len(expected) == GUESSES
    wait_calls(page, 1 + GUESSES)
    page.wait_for_timeout(500)   # and no more
    asked = calls(page)
    assert asked[0]["op"] == "open_link"
    assert [c["answers"] for c in asked[1:]] == expected
    changed = dict(answers, kind=expected[0]["kind"])
    seen = page.evaluate(CHANGE_AND_LOOK, ["kind", changed["kind"]])
    view = result_view(score(changed))
    assert seen == {"asked": 0, "headline": view["headline"], "recommendation": view["recommendation_attr"],
                    "state": "live", "busy": False}


# Click each [question, answer] in turn, in one task.
CLICK_EACH = """(run) => {
  for (const [q, v] of run) document.querySelector(`input[name="${q}"][value="${v}"]`).click();
}"""


def test_a_change_not_guessed_is_asked_for_and_guesses_follow_the_last_of_a_quick_run(page, site_server):
    """Three changes in quick succession (arrow keys through answers, say): each is asked for at
    once, no guess is sent between them, and the guesses that follow are for the last answers."""
    before = opened(page, site_server)
    answers = dict(example()["answers"])
    run = [("pricing", "per_unit"), ("pricing", "sla_linked"), ("urgency", "weeks")]
    assert all(answers[q] != v for q, v in run)   # each click changes an answer
    page.evaluate(CLICK_EACH, run)
    steps = []
    for question, value in run:
        answers[question] = value
        steps.append(dict(answers))
    expected = guessed(answers, "urgency", [c["answers"] for c in calls(page)[:before]] + steps)
    wait_calls(page, before + len(run) + len(expected))
    page.wait_for_timeout(500)   # and no more
    asked = calls(page)[before:]
    assert [c["answers"] for c in asked[:len(run)]] == steps
    assert [c["answers"] for c in asked[len(run):]] == expected
    assert page.inner_text("[data-calculator-headline]") == result_view(score(answers))["headline"]


# ----- Foresight with a stand-in engine ------------------------------------------------------

# The engine's calls are recorded and answered by the test (`answer(n)`, `fail(n)`); each step
# returns what was asked so far.
FORESIGHT = """async () => {
  const { Foresight } = await (""" + SITE_MODULE + """)("page-kit.mjs");
  const asked = [];
  const open = new Map();
  const engine = {
    call(request) {
      asked.push(request.n);
      return new Promise((resolve, reject) => open.set(request.n, { resolve, reject }));
    },
  };
  const settle = () => new Promise((r) => setTimeout(r, 0));
  const answer = async (n) => { open.get(n).resolve({ ok: true, n }); open.delete(n); await settle(); };
  const fail = async (n) => { open.get(n).reject(new Error("stopped")); open.delete(n); await settle(); };
  const r = (n) => ({ op: "score", n });
  const f = new Foresight(engine, 3);
  const log = {};

  f.guess([r(1), r(2), r(3)]);
  await settle();
  log.firstGuessOnly = asked.slice();
  const mine = f.call(r(9));                       // the reader's own, while guess 1 is out
  log.readerNotQueued = asked.slice();
  await answer(1);
  log.nextGuessAfterTheFirst = asked.slice();
  f.guess([r(4)]);                                 // replaces guess 3, not yet asked
  await answer(9);
  log.mine = (await mine).n;
  await answer(2);
  log.replaced = asked.slice();
  await answer(4);

  const kept = f.call(r(4));                       // answered: handed over, not asked again
  log.keptIsAnswered = (await kept).n;
  log.afterKept = asked.slice();
  f.call({ op: "score", n: 4, other: true });      // other words: asked
  log.otherWords = asked.slice();
  await answer(4);

  f.call(r(5));
  await fail(5);
  f.call(r(5));                                    // a failed reply is not kept: asked again
  log.failedAskedAgain = asked.slice();
  await answer(5);

  // keep = 3: of 9, 2, 4, {4 other}, 5 the last three are kept (4 used last, so kept too).
  f.call(r(9));
  log.oldestForgotten = asked.slice();
  await answer(9);
  return log;
}"""


def test_foresight_asks_one_guess_at_a_time_and_keeps_the_last_replies(page, site_server):
    page.goto(site_server + "calculator/")
    log = page.evaluate(FORESIGHT)
    assert log["firstGuessOnly"] == [1]
    assert log["readerNotQueued"] == [1, 9]
    assert log["nextGuessAfterTheFirst"] == [1, 9, 2]
    assert log["mine"] == 9
    assert log["replaced"] == [1, 9, 2, 4]
    assert log["keptIsAnswered"] == 4 and log["afterKept"] == [1, 9, 2, 4]
    assert log["otherWords"] == [1, 9, 2, 4, 4]
    assert log["failedAskedAgain"] == [1, 9, 2, 4, 4, 5, 5]
    assert log["oldestForgotten"] == [1, 9, 2, 4, 4, 5, 5, 9]
