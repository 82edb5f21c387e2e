"""A contact between two legislatures, whatever words the sentence uses for it.

"The Speaker of the Storting received a delegation of the Sejm" is interparliamentary without any
topic word. The legislatures, their buildings and the contact verbs are data (``contact`` of the
interparliamentary topic in ``parleys/data/topics.json``).
"""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc


class LegislatureContact:
    """A sentence that reports a contact (``verbs``) with a legislature named on each side of the
    verb: "The Speaker of the Storting received the Marshal of the Sejm", "China's top legislator
    held talks with the Kyrgyz Parliament Speaker"."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.bodies = frozenset(w.lower() for w in spec.get("bodies", ()))
        self.titled = frozenset(w.lower() for w in spec.get("titled_bodies", ()))
        self.verbs = frozenset(w.lower() for w in spec.get("verbs", ()))
        self.buildings = frozenset(w.lower() for w in spec.get("buildings", ()))
        self.lead = int(spec.get("lead", 4))

    def _body(self, tok: Any) -> bool:
        """A legislature's name, not its building ("the Parliament Complex", "Parliament House")."""
        doc = tok.doc
        if tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ in self.buildings:
            return False
        return tok.lower_ in self.bodies or (tok.lower_ in self.titled and tok.is_title)

    def find(self, doc: Doc, segment_of: list[int]) -> tuple[int, int] | None:
        """The (start, end) of the first verb in the headline or lead (the first ``lead``
        segments) with a legislature before it and another legislature after it in its sentence
        (the same body named twice, "the Senate receives ... Senate President", is no pair)."""
        for tok in doc:
            seg = segment_of[tok.i]
            if seg >= self.lead:
                break
            if tok.lower_ not in self.verbs:
                continue
            before = {t.lower_ for t in doc[: tok.i] if segment_of[t.i] == seg and self._body(t)}
            if not before:
                continue
            j = tok.i + 1
            while j < len(doc) and segment_of[j] == seg:
                if self._body(doc[j]) and doc[j].lower_ not in before:
                    return tok.i, tok.i + 1
                j += 1
        return None
