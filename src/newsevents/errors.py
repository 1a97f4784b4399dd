"""Coded exceptions of newsevents.

Every error carries a stable ``code`` that users, tests and the store match on, a human ``message``, a
``context`` dict saying where it happened, and the ``http_status`` the API answers it with: 4xx for a
client's mistake (its message is shown), 500 for anything else (its message goes to the log only). The
tree, with each class's status where it is not 500::

    NewsEventsError
    ├── InputError            E1xx  422  an article that cannot be read or processed (recorded, never fatal)
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
    │   ├── MigrationError    E301
    │   ├── FilterError       E310  422  a filter names no real date, country, event type or modality
    │   └── ReviewError       E320  422  a review's correction, reviewer or action is invalid
    │       └── RecordMissing E320  404  a review names no stored event, merged event or claim
    ├── ConfigError           E4xx  a bad configuration or a missing model
    │   ├── ModelNotFound     E401
    │   └── GazetteerError    E402  the place index cannot be built, read or imported into
    ├── EvalError             E5xx  evaluation data missing or malformed
    ├── ScaleError            E6xx  a Spark run cannot start or write, or its output folder cannot be read
    └── ApiError              E7xx  4xx  a request the API refuses; its answer's code is the ``reason``
        ├── InvalidRequest    E701  422  invalid_request: a bad parameter or body
        ├── Unauthorized      E702  401  unauthorized: a write without the right token
        ├── ReadOnly          E703  403  read_only: a write to a server started without a token
        ├── NotFound          E704  404  not_found: no such event, article or job
        └── UnsupportedMediaType  E705  415  unsupported_media_type: a body ingest cannot read

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
    http_status: ClassVar[int] = 500  # what the API answers: 4xx only for a client's mistake

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message
        self.context = context


class InputError(NewsEventsError):
    code = "E100"
    http_status = 422


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
    http_status = 422


class ReviewError(StoreError):
    code = "E320"
    http_status = 422


class RecordMissing(ReviewError):
    """A review or a read names an event, merged event or claim that is not stored (code E320, as every
    review error: its answers always had it)."""

    http_status = 404


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


class ApiError(NewsEventsError):
    """A request the API refuses. Its answer's ``code`` is ``reason``, the short word of the HTTP failure
    that clients match on; ``code`` names the class in logs. ``headers`` go with the answer."""

    code = "E700"
    http_status = 400
    reason: ClassVar[str] = "bad_request"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None, **context: Any) -> None:
        super().__init__(message, **context)
        self.headers = headers


class InvalidRequest(ApiError):
    code = "E701"
    http_status = 422
    reason = "invalid_request"


class Unauthorized(ApiError):
    code = "E702"
    http_status = 401
    reason = "unauthorized"


class ReadOnly(ApiError):
    code = "E703"
    http_status = 403
    reason = "read_only"


class NotFound(ApiError):
    code = "E704"
    http_status = 404
    reason = "not_found"


class UnsupportedMediaType(ApiError):
    code = "E705"
    http_status = 415
    reason = "unsupported_media_type"
