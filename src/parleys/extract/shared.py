"""Parts that several components of one pipeline build from the same inputs, built once.

Both persons steps that read offices need a :class:`~parleys.extract.titles.TitleFinder`; the
organizations component, the topics component and the offices of international bodies each need
an :class:`~parleys.extract.organizations.OrganizationTagger` of the same registry. Building each
again cost a fifth of loading the pipeline. A part is kept on the pipeline (``nlp``) it was built
for, under a key that names every input it is built from besides ``nlp``, so another pipeline
builds its own and the parts go when their pipeline goes. Only parts that no call changes
(matchers and tables read while matching) are shared.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from spacy.language import Language

T = TypeVar("T")

_ATTR = "_parleys_shared"  # the pipeline's attribute that holds its shared parts


def once(nlp: Language, key: Hashable, build: Callable[[], T]) -> T:
    """The part of ``nlp`` under ``key``: ``build()`` on the first call, the same object after."""
    parts: dict[Hashable, Any] = vars(nlp).setdefault(_ATTR, {})
    if key not in parts:
        parts[key] = build()
    part: T = parts[key]
    return part
