"""Assessors correct the machine: a reviewed-pairs file applied on every scoring run.

A CSV file with the header `site_id,policy_url,interpretation_url,decision,note`; `decision` is
`confirm` (the machine's pair is right), `reject` (it is wrong: dropped) or `add` (a pair the
machine missed). It lives beside the database, not in it, so it survives every re-crawl and
re-scoring; `pairs.reviewed` shows what a person decided, with the note.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from crawlers.files import Replacement

DECISIONS = ("confirm", "reject", "add")
HEADER = ("site_id", "policy_url", "interpretation_url", "decision", "note")


class ReviewError(ValueError):
    """A reviewed-pairs file that cannot be applied; the message names the file and line."""


@dataclass(frozen=True)
class Review:
    site_id: str
    policy_url: str
    interpretation_url: str
    decision: str
    note: str

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.site_id, self.policy_url, self.interpretation_url)


def load_reviews(path: str | Path | None) -> list[Review]:
    """The reviews of a file; none when there is no file."""
    if path is None or not Path(path).exists():
        return []
    path = Path(path)
    with open(path, encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        missing = set(HEADER) - set(reader.fieldnames or ())
        if missing:
            raise ReviewError(
                f"{path}: the header needs {', '.join(HEADER)} (missing {sorted(missing)})"
            )
        reviews = []
        for line, row in enumerate(reader, 2):
            decision = (row["decision"] or "").strip().lower()
            if decision not in DECISIONS:
                raise ReviewError(
                    f"{path}:{line}: decision must be one of {DECISIONS}, got {row['decision']!r}"
                )
            values = [(row[k] or "").strip() for k in HEADER[:3]]
            if not all(values):
                raise ReviewError(
                    f"{path}:{line}: site_id, policy_url and interpretation_url are required"
                )
            reviews.append(Review(*values, decision, (row["note"] or "").strip()))
    return reviews


def apply_reviews(pairs: dict[tuple, dict], reviews: list[Review]) -> dict[str, int]:
    """Apply the reviews to machine pairs keyed (site, policy, interpretation), in place;
    the counts of what each decision did (a confirm or reject of a pair the machine does not
    have any more is counted as `stale`)."""
    counts = dict.fromkeys((*DECISIONS, "stale"), 0)
    for review in reviews:
        pair = pairs.get(review.key)
        if review.decision == "reject":
            if pair is None:
                counts["stale"] += 1
            else:
                del pairs[review.key]
                counts["reject"] += 1
        elif review.decision == "confirm":
            if pair is None:
                counts["stale"] += 1
            else:
                pair.update(reviewed="confirmed", review_note=review.note, counted=True)
                counts["confirm"] += 1
        elif pair is not None:  # the machine found it too
            pair.update(reviewed="confirmed", review_note=review.note, counted=True)
            counts["add"] += 1
        else:
            pairs[review.key] = {
                "method": "manual",
                "confidence": 1.0,
                "evidence": "人工补充",
                "reviewed": "added",
                "review_note": review.note,
                "counted": True,
            }
            counts["add"] += 1
    return counts


def save_reviews(path: str | Path, new: list[Review]) -> int:
    """Merge reviews into the file: a newer decision on the same pair replaces the older one.
    Written whole to a temporary file and renamed, so a failure leaves the old file. Returns the
    number of reviews in the file."""
    path = Path(path)
    merged = {r.key: r for r in load_reviews(path)}
    for review in new:
        merged[review.key] = review
    with Replacement(path) as part, open(part, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(HEADER)
        for r in merged.values():
            writer.writerow([r.site_id, r.policy_url, r.interpretation_url, r.decision, r.note])
    return len(merged)
