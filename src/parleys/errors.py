"""All of parleys' exceptions and message codes, in one place.

Exception tree::

    ParleysError                     base of everything parleys raises on purpose
    ├── SettingsError                a setting has an invalid value           (E001)
    ├── InputError                   an input cannot be read at all           (E010)
    │   └── FetchError               a URL or feed could not be fetched       (E011)
    ├── ModelError                   the spaCy model is not installed         (E020)
    ├── WorkersError                 extraction workers unusable (Dask, processes) (E021)
    ├── StoreError                   the database refused an operation        (E030)
    │   └── NotFoundError            no such event/article/person             (E031)
    ├── ExportError                  unknown export format or unwritable file (E040)
    ├── EvaluationError              gold or system file unreadable           (E050)
    ├── QueryError                   a query filter has an invalid value      (E060)
    └── CorrectionError              a correction is invalid                  (E070)

Third-party exceptions (httpx, SQLAlchemy, json) are translated into these at the boundary.
"""

from __future__ import annotations


class ParleysError(Exception):
    """Base class; ``code`` is a stable identifier documented in the README."""

    code = "E000"

    def __str__(self) -> str:
        return f"[{self.code}] {super().__str__()}"


class SettingsError(ParleysError):
    code = "E001"


class InputError(ParleysError):
    code = "E010"


class FetchError(InputError):
    code = "E011"


class ModelError(ParleysError):
    code = "E020"


class WorkersError(ParleysError):
    """Extraction cannot run on Dask (the ``dask`` extra is missing, the scheduler cannot be
    reached or is lost, or its workers cannot run this pipeline) or in processes of this machine
    (one cannot load the pipeline, or they keep dying) (E021)."""

    code = "E021"


class StoreError(ParleysError):
    code = "E030"


class NotFoundError(StoreError):
    code = "E031"


class ExportError(ParleysError):
    code = "E040"


class EvaluationError(ParleysError):
    code = "E050"


class QueryError(ParleysError):
    code = "E060"


class CorrectionError(ParleysError):
    """A correction names an unknown field, gives an invalid value, or cannot apply (E070)."""

    code = "E070"


# Rejection reasons: codes stored with every rejected input, with their meaning.
REJECTION_REASONS: dict[str, str] = {
    "empty": "the input has no content",
    "binary": "the input is binary data, not text",
    "encoding": "the bytes could not be decoded as text in any supported encoding",
    "too_large": "the input exceeds the size limit (setting max_bytes)",
    "no_text": "no article text was found (e.g. an HTML page of menus only)",
    "too_short": "the article text is shorter than the minimum (setting min_chars)",
    "bad_json": "a JSON document or JSON line could not be parsed",
    "bad_record": "a JSON object has no 'text' or 'body' string",
    "bad_feed": "a feed or feed entry could not be parsed or has no content",
    "language": "the article is not in English",
    "fetch_failed": "the URL could not be fetched (network error, timeout, HTTP error)",
    "unsupported": "the file type is not supported",
    "not_found": "the path does not exist",
    "extract_failed": "extraction raised an unexpected error on this article",
    "unreadable": "the file or folder cannot be read (permission denied or an I/O error)",
    "symlink_loop": "a symbolic link leads back to itself, directly or through other links",
    "read_failed": "the reader raised an unexpected error on this input (the detail names it)",
    "too_long": "the article is longer than the extraction pipeline accepts in one document",
    "timeout": "extraction took longer than the per-article budget (setting extract_timeout)",
}
