"""Reading the pipeline configuration: one spaCy-style config file, ``default.cfg`` unless told otherwise."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from spacy.util import registry
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


def read_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Config:
    """The config file as read, unresolved (the packaged default when ``path`` is None)."""
    try:
        if path is None:
            text = resources.files("newsevents").joinpath(DEFAULT_CONFIG).read_text(encoding="utf-8")
            return Config().from_str(text, overrides=overrides or {})
        return Config().from_disk(path, overrides=overrides or {})
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read config: {exc}", path=str(path)) from exc


def resolve_section(name: str, path: str | Path | None = None) -> Any:
    """What a section's registered function makes from the section's settings: a section names its function
    as spaCy's configs do (``@misc = "newsevents.<thing>.v1"``, registered with ``@spacy.util.registry.misc``
    by the module that defines the thing, which the caller has imported)."""
    cfg = read_config(path)
    if name not in cfg:
        raise ConfigError(f"config lacks the [{name}] section", path=str(path))
    try:
        return registry.resolve({name: cfg[name]})[name]
    except ValueError as exc:  # an unknown function (catalogue.RegistryError), a setting missing or mistyped
        raise ConfigError(f"config section [{name}]: {exc}", path=str(path)) from exc


def load_config(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> PipelineConfig:
    """Read a config file (the packaged default when ``path`` is None) into typed settings."""
    cfg = read_config(path, overrides)
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
