"""bench/_baseline.py: the earlier version the engine benchmarks compare against. A baseline the
benchmark cannot use stops it with a message naming what is wrong (`make bench` once failed with
a git traceback on a baseline whose example had moved), and the example answers are found in
either layout the build has had."""

from __future__ import annotations

import pytest

from bench._baseline import baseline_tree, example_answers


def test_a_revision_that_is_not_a_commit_is_named(tmp_path):
    with pytest.raises(SystemExit, match="the baseline 'no-such-rev' is not a commit of this repository"):
        baseline_tree("no-such-rev", tmp_path, ("calculator",))


def test_a_path_the_baseline_does_not_have_is_named(tmp_path):
    with pytest.raises(SystemExit, match="the baseline HEAD has no build/example.toml"):
        baseline_tree("HEAD", tmp_path, ("calculator", "build/example.toml"))
    assert not any(tmp_path.iterdir())   # nothing half extracted


def test_the_baselines_files_are_extracted(tmp_path):
    tree = baseline_tree("HEAD", tmp_path, ("calculator", "build"))
    assert (tree / "calculator" / "questions.toml").is_file()
    assert example_answers(tree)["kind"]


@pytest.mark.parametrize("place", ["build/example.toml", "build/outside_help_build/example.toml"])
def test_the_example_is_found_where_each_layout_kept_it(tmp_path, place):
    (tmp_path / place).parent.mkdir(parents=True)
    (tmp_path / place).write_text('[answers]\nkind = "build"\n', encoding="utf-8")
    assert example_answers(tmp_path) == {"kind": "build"}


def test_no_example_is_named(tmp_path):
    (tmp_path / "build").mkdir()
    with pytest.raises(SystemExit, match="no example.toml under"):
        example_answers(tmp_path)
