"""A pytest plugin for `make mutate` only: Hypothesis runs derandomized (the same examples for
every mutant, so a mutant's verdict does not depend on luck), at most 50 examples per test
(see MAX_EXAMPLES), without shrinking (a failing
mutant only needs to fail, not to be explained) and without the example database (each mutant
starts clean), and links damaged with one character of each kind instead of every character
(see SHORT_ALPHABET). Loaded with `-p tests.support.mutate_profile` from [tool.mutmut] in pyproject.toml;
`make test` never loads it.
"""

from hypothesis import HealthCheck, Phase, settings

from tests import link_damage

settings.register_profile(
    "mutate",
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("mutate")

# Tests that set their own example count keep it (explicit settings win over a profile); under
# mutation testing they run at most this many, the same ones each time. The property tests that
# assert a minimum number of checked cases draw inside the test body and keep their full count.
MAX_EXAMPLES = 50


def pytest_collection_modifyitems(items):
    for item in items:
        test = getattr(item, "obj", None)
        own = getattr(test, "_hypothesis_internal_use_settings", None)
        if own is not None and own.max_examples > MAX_EXAMPLES:
            test._hypothesis_internal_use_settings = settings(own, max_examples=MAX_EXAMPLES)


# A letter of each case, a digit, each punctuation mark a link holds, a space and '%': the damage
# tests (tests/engine/test_share_check.py) try every position with these instead of all 68
# characters, about six times fewer links per surviving mutant.
SHORT_ALPHABET = "aZ7.-*_ %"
link_damage.DAMAGE_ALPHABET = SHORT_ALPHABET
