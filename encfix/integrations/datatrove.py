"""datatrove: a formatter step that repairs ``doc.text`` like any other datatrove formatter.

::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from encfix.integrations.datatrove import EncfixFormatter

    LocalPipelineExecutor(pipeline=[
        JsonlReader("crawl/"),
        EncfixFormatter(),            # or EncfixFormatter(convert="t2s", punctuation=False)
        JsonlWriter("fixed/"),
    ], tasks=8).run()

``format(text) -> text`` is :func:`encfix.fix_text`; each document whose text changed is counted
in datatrove's statistics as ``encfix_changed``.  Needs ``pip install datatrove``.
"""
from __future__ import annotations

from typing import Optional

from ..api import fix_text

try:
    from datatrove.pipeline.formatters.base import BaseFormatter
except ImportError:  # datatrove is not installed: the module still imports, the class is absent
    BaseFormatter = None

if BaseFormatter is not None:

    class EncfixFormatter(BaseFormatter):
        """Repair mojibake, corrupted CJK punctuation, leaked pinyin ruby and markup residue."""

        name = "🩹 encfix"

        def __init__(self, convert: Optional[str] = None, **options):
            super().__init__()
            fix_text("", convert=convert, **options)  # unknown options fail when the pipeline is built
            self.convert = convert
            self.options = options

        def format(self, text: str) -> str:
            fixed = fix_text(text, convert=self.convert, **self.options)
            if fixed is not text:
                self.stat_update("encfix_changed")
            return fixed

    __all__ = ["EncfixFormatter"]
else:  # pragma: no cover - exercised where datatrove is missing
    __all__ = []
