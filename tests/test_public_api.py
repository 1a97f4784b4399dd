import newsevents


def test_exported_members_are_exactly_the_public_surface() -> None:
    public = {name for name in dir(newsevents) if not name.startswith("_")} | {"__version__"}
    # Submodules become attributes once imported elsewhere; they are not part of __all__.
    modules = {
        "model",
        "errors",
        "config",
        "pipeline",
        "ingest",
        "store",
        "eval",
        "report",
        "batch",
        "cli",
        "demo",
        "gazetteer",
        "events",
        "api",
        "scale",
    }
    assert set(newsevents.__all__) == public - modules


def test_one_version_string() -> None:
    from importlib.metadata import version

    assert version("newsevents") == newsevents.__version__
