"""One module per kind of damage.  Each has ``NAME`` and ``find(text, config) -> list[Finding]``.

To add a kind of damage: copy the shape of a neighbour, give its findings a ``kind`` of the form
``<stage>.<what>``, and register it in :data:`encfix.pipeline.STAGES`.
"""
