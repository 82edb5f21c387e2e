"""The knowledge base: the read side over what resolution writes. The CLI, the API and the
exports all read through here.

Layers, each importing only those below it:

- :mod:`.types`: the typed rows every function returns (each with ``to_json()``);
- :mod:`.filters`: :class:`~.filters.EventFilter`, validated through :mod:`parleys.normalize`;
- :mod:`.units` and :mod:`.events`: the one event reader (listing); :mod:`.detail`: one event;
- :mod:`.people`, :mod:`.dossier`, :mod:`.network`: persons, countries and the actor network,
  all on the event reader's linked events;
- :mod:`.overlay` and :mod:`.corpus`: counts, rejections, and article records with corrections.
"""
