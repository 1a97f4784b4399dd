"""What ``newsevents demo`` reads: the bundled examples, the shared evaluation articles when present, and
any path the user adds."""

from __future__ import annotations

from pathlib import Path

EXAMPLES = Path("examples")
SHARED_EVAL_INPUTS = ("seed/input.jsonl", "voa/input.jsonl")


def demo_inputs(extra: list[str], eval_dir: Path, examples: Path = EXAMPLES) -> list[str]:
    inputs = (
        [str(p) for p in sorted(examples.iterdir()) if p.suffix in {".jsonl", ".html", ".rss", ".txt"}]
        if examples.is_dir()
        else []
    )
    inputs += [str(eval_dir / name) for name in SHARED_EVAL_INPUTS if (eval_dir / name).is_file()]
    return inputs + extra
