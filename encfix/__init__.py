"""encfix: give back the text its author wrote after wrong codecs, crawlers and converters."""
from .api import convert, detect, explain, fix_bytes, fix_text
from .config import Config
from .findings import Finding, apply

__all__ = ["fix_text", "fix_bytes", "explain", "detect", "convert", "Config", "Finding", "apply", "__version__"]
__version__ = "0.1.0"
