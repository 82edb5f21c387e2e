"""One normaliser per concept: names (:mod:`.names`), countries (:mod:`.countries`), places
(:mod:`.places`), codes of topics, event types and roles (:mod:`.codes`), and the SQL helpers every
reader shares (:mod:`.sql`). Every command, endpoint and export goes through these, so that a
value means the same everywhere.
"""
