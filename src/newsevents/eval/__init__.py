"""Evaluation on ../shared/eval: one scorer per gold set, the runner and the CI gate."""
