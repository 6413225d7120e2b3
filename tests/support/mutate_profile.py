"""A pytest plugin for `make mutate` only: Hypothesis runs derandomized (the same examples for
every mutant, so a mutant's verdict does not depend on luck), without shrinking (a failing
mutant only needs to fail, not to be explained) and without the example database (each mutant
starts clean). Loaded with `-p tests.support.mutate_profile` from [tool.mutmut] in pyproject.toml;
`make test` never loads it.
"""

from hypothesis import HealthCheck, Phase, settings

settings.register_profile(
    "mutate",
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=list(HealthCheck),
)
settings.load_profile("mutate")
