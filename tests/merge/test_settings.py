"""Merge settings come from the config's [merge] section, through a registered, versioned function."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from newsevents.config import read_config
from newsevents.errors import ConfigError
from newsevents.merge import MergeSettings, merge_settings


def _config_with(tmp_path: Path, **changed: object) -> Path:
    cfg = read_config()
    for key, value in changed.items():
        cfg["merge"][key] = value
    path = tmp_path / "merge.cfg"
    cfg.to_disk(path)
    return path


def test_the_packaged_config_gives_the_settings_merging_runs_with() -> None:
    settings = merge_settings()
    assert isinstance(settings, MergeSettings)
    assert read_config()["merge"]["@misc"] == "newsevents.merge_settings.v1"
    assert (settings.threshold, settings.floor, settings.nearby_days, settings.same_article) == (
        0.55, 0.45, 21, True)


def test_a_config_file_changes_them(tmp_path: Path) -> None:
    path = _config_with(tmp_path, threshold=0.7, nearby_days=30)
    assert merge_settings(path) == replace(merge_settings(), threshold=0.7, nearby_days=30)


def test_an_unknown_version_or_a_missing_setting_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[merge\]"):
        merge_settings(_config_with(tmp_path, **{"@misc": "newsevents.merge_settings.v9"}))
    cfg = read_config()
    del cfg["merge"]["floor"]
    cfg.to_disk(tmp_path / "no_floor.cfg")
    with pytest.raises(ConfigError, match=r"\[merge\]"):
        merge_settings(tmp_path / "no_floor.cfg")
