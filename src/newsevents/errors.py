"""Coded exceptions of newsevents.

Every error carries a stable ``code`` that users, tests and the store match on, a human ``message`` and a
``context`` dict saying where it happened. The tree::

    NewsEventsError
    ├── InputError            E1xx  an article that cannot be read or processed (recorded, never fatal)
    │   ├── EmptyInput        E101
    │   ├── BinaryInput       E102
    │   ├── NotEnglish        E104
    │   ├── OversizeInput     E105
    │   ├── MalformedHTML     E106
    │   ├── MalformedFeed     E107
    │   ├── MalformedWARC     E108
    │   ├── TruncatedInput    E109
    │   ├── MalformedJSONL    E110
    │   ├── UnknownFormat     E111
    │   ├── MissingInput      E112
    │   └── BoilerplateOnly   E113  a page holding only a cookie, consent or subscription notice
    ├── PipelineError         E2xx  a stage failed on an article
    ├── StoreError            E3xx  the database could not be opened, migrated or written
    │   ├── FilterError       E310  a filter names no real date, country, event type or modality
    │   └── ReviewError       E320  a review names no stored event or claim, or its correction is invalid
    ├── ConfigError           E4xx  a bad configuration or a missing model
    │   ├── ModelNotFound     E401
    │   └── GazetteerError    E402  the place index cannot be built, read or imported into
    ├── EvalError             E5xx  evaluation data missing or malformed
    └── ScaleError            E6xx  a Spark run cannot start or write, or its output folder cannot be read

E103 (undecodable bytes replaced) is a warning code, not an exception: see ``WARN_DECODE``. The other
warnings (``W1xx``) say what was changed in an input that was still processed.
"""

from __future__ import annotations

from typing import Any, ClassVar

WARN_DECODE = "W103"
WARN_NO_PUBLISHED = "W120"
WARN_BAD_PUBLISHED = "W121"  # "published" is no real date, or more than a year ahead: ignored
WARN_ID_RENAMED = "W122"  # the input id names other content already: the article is stored under a new one
WARN_CONTROL_CHARS = "W123"  # NUL and other control characters were removed from the input's fields


class NewsEventsError(Exception):
    code: ClassVar[str] = "E000"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message
        self.context = context


class InputError(NewsEventsError):
    code = "E100"


class EmptyInput(InputError):
    code = "E101"


class BinaryInput(InputError):
    code = "E102"


class NotEnglish(InputError):
    code = "E104"


class OversizeInput(InputError):
    code = "E105"


class MalformedHTML(InputError):
    code = "E106"


class MalformedFeed(InputError):
    code = "E107"


class MalformedWARC(InputError):
    code = "E108"


class TruncatedInput(InputError):
    code = "E109"


class MalformedJSONL(InputError):
    code = "E110"


class UnknownFormat(InputError):
    code = "E111"


class MissingInput(InputError):
    code = "E112"


class BoilerplateOnly(InputError):
    code = "E113"


class PipelineError(NewsEventsError):
    code = "E200"


class StoreError(NewsEventsError):
    code = "E300"


class MigrationError(StoreError):
    code = "E301"


class FilterError(StoreError):
    code = "E310"


class ReviewError(StoreError):
    code = "E320"


class ConfigError(NewsEventsError):
    code = "E400"


class ModelNotFound(ConfigError):
    code = "E401"


class GazetteerError(ConfigError):
    code = "E402"


class EvalError(NewsEventsError):
    code = "E500"


class ScaleError(NewsEventsError):
    code = "E600"
