"""What a corpus run did: counts per chunk, merged per shard and for the whole run."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

from ..findings import Finding

#: bad records kept with file and line in the report; the count is always exact
MAX_BAD_LISTED = 1000


@dataclass
class Stats:
    """Counts for a chunk, a shard or a whole run; chunks merge into shards, shards into the run."""

    documents: int = 0
    changed: int = 0
    flagged: int = 0
    bad: int = 0
    bytes_in: int = 0  # text bytes read (uncompressed)
    bytes_out: int = 0
    repairs: Counter = field(default_factory=Counter)
    flags: Counter = field(default_factory=Counter)
    #: (file, line or row number, reason) for the first MAX_BAD_LISTED bad records
    bad_records: List[Tuple[str, int, str]] = field(default_factory=list)

    def add_bad(self, where: str, number: int, reason: str) -> None:
        self.bad += 1
        if len(self.bad_records) < MAX_BAD_LISTED:
            self.bad_records.append((where, number, reason))

    def add_findings(self, findings: Iterable[Finding]) -> Tuple[Dict[str, int], Dict[str, int]]:
        """Count one record's findings; return its own (repaired, flagged) counts per kind."""
        repaired: Dict[str, int] = {}
        flagged: Dict[str, int] = {}
        for f in findings:
            target = flagged if f.is_flag else repaired
            for kind in f.kinds:
                target[kind] = target.get(kind, 0) + 1
        if repaired:
            self.repairs.update(repaired)
        if flagged:
            self.flagged += 1
            self.flags.update(flagged)
        return repaired, flagged

    def merge(self, other: "Stats") -> "Stats":
        self.documents += other.documents
        self.changed += other.changed
        self.flagged += other.flagged
        self.bytes_in += other.bytes_in
        self.bytes_out += other.bytes_out
        self.repairs.update(other.repairs)
        self.flags.update(other.flags)
        self.bad += other.bad
        room = MAX_BAD_LISTED - len(self.bad_records)
        if room > 0:
            self.bad_records.extend(other.bad_records[:room])
        return self

    def relabel(self, where: str) -> "Stats":
        """Name the file the bad records came from (workers only know line numbers)."""
        self.bad_records = [(where, n, r) for _, n, r in self.bad_records]
        return self

    def to_dict(self) -> dict:
        return {
            "documents": self.documents,
            "changed": self.changed,
            "flagged": self.flagged,
            "bad": self.bad,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "repairs": dict(sorted(self.repairs.items())),
            "flags": dict(sorted(self.flags.items())),
            "bad_records": [{"file": f, "line": n, "reason": r} for f, n, r in self.bad_records],
        }

    @classmethod
    def from_dict(cls, data: dict) -> "Stats":
        s = cls(
            documents=data["documents"], changed=data["changed"], flagged=data["flagged"], bad=data["bad"],
            bytes_in=data.get("bytes_in", 0), bytes_out=data.get("bytes_out", 0),
            repairs=Counter(data.get("repairs", {})), flags=Counter(data.get("flags", {})),
        )
        s.bad_records = [(b["file"], b["line"], b["reason"]) for b in data.get("bad_records", [])]
        return s


def first_bad(stats: Stats) -> Optional[Tuple[str, int, str]]:
    return stats.bad_records[0] if stats.bad_records else None
