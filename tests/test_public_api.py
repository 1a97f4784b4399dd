import types

import newsevents


def test_exported_members_are_exactly_the_public_surface() -> None:
    # Submodules become attributes once imported anywhere; they are not part of the public surface.
    public = {
        name
        for name in dir(newsevents)
        if not name.startswith("_") and not isinstance(getattr(newsevents, name), types.ModuleType)
    }
    assert set(newsevents.__all__) == public | {"__version__"}


def test_one_version_string() -> None:
    from importlib.metadata import version

    assert version("newsevents") == newsevents.__version__
