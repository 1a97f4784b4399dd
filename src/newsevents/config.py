"""Reading the pipeline configuration: one spaCy-style config file, ``default.cfg`` unless told otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from thinc.api import Config

from newsevents.errors import ConfigError

DEFAULT_CONFIG = "default.cfg"


@dataclass(frozen=True, slots=True)
class Settings:
    """The ``[newsevents]`` block: settings of the whole run rather than of one stage."""

    base_model: str
    fallback_model: str | None
    max_chars: int
    min_english_ratio: float
    batch_size: int


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    settings: Settings
    pipeline: tuple[str, ...]
    components: dict[str, dict[str, Any]]


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> PipelineConfig:
    """Read a config file (the packaged default when ``path`` is None) into typed settings."""
    try:
        if path is None:
            text = resources.files("newsevents").joinpath(DEFAULT_CONFIG).read_text(encoding="utf-8")
            cfg = Config().from_str(text, overrides=overrides or {})
        else:
            cfg = Config().from_disk(path, overrides=overrides or {})
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read config: {exc}", path=str(path)) from exc
    try:
        block = cfg["newsevents"]
        settings = Settings(
            base_model=str(block["base_model"]),
            fallback_model=block.get("fallback_model") or None,
            max_chars=int(block["max_chars"]),
            min_english_ratio=float(block["min_english_ratio"]),
            batch_size=int(block["batch_size"]),
        )
        pipeline = tuple(cfg["nlp"]["pipeline"])
        components = {name: dict(cfg["components"][name]) for name in pipeline}
    except KeyError as exc:
        raise ConfigError(f"config lacks {exc}", path=str(path)) from exc
    return PipelineConfig(settings, pipeline, components)
