"""data-juicer: a batched mapper, loadable through data-juicer's ``custom_operator_paths``.

In a data-juicer recipe::

    custom_operator_paths:
      - /path/to/site-packages/encfix/integrations/data_juicer.py   # python -c "import encfix.integrations.data_juicer as m; print(m.__file__)"
    process:
      - encfix_mapper:
          text_key: text        # data-juicer's usual option
          convert: null         # or t2s, s2twp ...
          options: {}           # encfix.Config options, e.g. {punctuation: false}

data-juicer runs a mapper on its own engine (Hugging Face datasets locally, Ray Data with
``executor_type: ray``); this file only tells it how to repair a batch.  The file imports
nothing from data-juicer unless data-juicer is there, so encfix never needs it installed.
"""
from __future__ import annotations

from typing import Optional

from encfix.api import fix_text

#: the name recipes use
NAME = "encfix_mapper"


def fix_samples(samples: dict, text_key: str = "text", convert: Optional[str] = None,
                options: Optional[dict] = None) -> dict:
    """Repair ``samples[text_key]`` in a data-juicer batch (a dict of column lists); None stays None."""
    opts = options or {}
    texts = samples[text_key]
    samples[text_key] = [t if t is None else fix_text(t, convert=convert, **opts) for t in texts]
    return samples


try:
    from data_juicer.ops.base_op import OPERATORS, Mapper
except ImportError:  # data-juicer is not installed: only fix_samples is defined
    OPERATORS = Mapper = None

if Mapper is not None:

    @OPERATORS.register_module(NAME)
    class EncfixMapper(Mapper):
        """Repair mojibake, corrupted CJK punctuation, leaked pinyin ruby and markup residue."""

        _batched_op = True

        def __init__(self, convert: Optional[str] = None, options: Optional[dict] = None, *args, **kwargs):
            super().__init__(*args, **kwargs)
            fix_text("", convert=convert, **(options or {}))  # unknown options fail when the recipe loads
            self.convert = convert
            self.options = dict(options or {})

        def process_batched(self, samples):
            return fix_samples(samples, self.text_key, self.convert, self.options)
