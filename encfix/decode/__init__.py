"""Bytes of unknown encoding -> the text their author wrote, and what was found on the way.

Order of evidence: a BOM decides; valid UTF-8 is UTF-8; UTF-16/32 without a BOM where plain;
otherwise charset-normalizer's candidates (plus the legacy CJK codecs) re-ranked by how plausible
each decoding reads.  Files mixing encodings line by line are decoded segment by segment, and
streams in bounded memory (:func:`decode_stream`).

A BOM is removed from the text and reported (``Decoded.bom``); ``encfix fix`` writes UTF-8 and
writes the BOM back only when the input had one.  Line endings are never translated.
"""
from .core import decode, detect, line_endings
from .detection import canonical
from .models import DecodeError, Decoded, Detection, Segment
from .stream import decode_stream

__all__ = ["decode", "detect", "decode_stream", "DecodeError", "Decoded", "Detection", "Segment", "canonical",
           "line_endings"]
