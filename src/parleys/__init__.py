"""parleys: structured records of diplomatic and parliamentary contacts from news.

The public API is small and pinned by ``tests/test_public_api.py``.
"""

from parleys.documents import Article, RawDocument, Rejection
from parleys.errors import ParleysError
from parleys.records import ArticleRecord, EventRecord, Evidence, PersonRecord
from parleys.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "ArticleRecord",
    "EventRecord",
    "Evidence",
    "ParleysError",
    "PersonRecord",
    "RawDocument",
    "Rejection",
    "Settings",
    "__version__",
]
