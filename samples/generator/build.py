"""Writes the sample sites and their answer key to disk, byte for byte the same for the same seed."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections import Counter
from pathlib import Path

from samples.generator import key
from samples.generator.families.gkmlpt import GkmlptRenderer
from samples.generator.families.hanweb import HanwebRenderer
from samples.generator.families.legacy import LegacyRenderer
from samples.generator.families.shtml import ShtmlRenderer
from samples.generator.families.trs import TrsRenderer
from samples.generator.plan import plan_site
from samples.generator.portal import PORTAL_ID, build_portal
from samples.generator.specs import AS_OF, HISTORY_START, SEED, SITES

RENDERERS = {
    "shtml": ShtmlRenderer,
    "trs": TrsRenderer,
    "gkmlpt": GkmlptRenderer,
    "hanweb": HanwebRenderer,
    "legacy": LegacyRenderer,
}
SAMPLES_DIR = Path(__file__).resolve().parent.parent


def file_name(url_path: str) -> str:
    """Where a URL path is stored under www/: `?` becomes `@` so query URLs are plain files."""
    path, _, query = url_path.partition("?")
    if path.endswith("/"):
        path += "index.html"
    return path.lstrip("/") + (f"@{query}" if query else "")


def dumps(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def write_csv(path: Path, rows: list[dict], fields: list[str] | tuple[str, ...]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=list(fields), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def write_site(spec, files, root: Path) -> None:
    """A rendered site on disk as the sample server reads it: www/, server.json, data.json."""
    for url_path, content in sorted(files.files.items()):
        target = root / "www" / file_name(url_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    config = {
        "site_id": spec.site_id,
        "name": spec.name,
        "encoding": RENDERERS[spec.family].encoding,
        **files.config,
    }
    (root / "server.json").write_text(dumps(config), encoding="utf-8")
    (root / "data.json").write_text(dumps(files.data), encoding="utf-8")


def build(out: Path = SAMPLES_DIR) -> dict:
    """Generate every site into out/sites and the key into out/truth; returns the counts."""
    sites_dir, truth_dir, portals_dir = out / "sites", out / "truth", out / "portals"
    for d in (sites_dir, truth_dir, portals_dir):
        if d.exists():
            shutil.rmtree(d)
        d.mkdir(parents=True)
    documents, all_pairs, columns, dead, planted, indicators, sites = [], [], [], [], [], {}, []
    for spec in SITES:
        plan = plan_site(spec)
        files = RENDERERS[spec.family](plan).render()
        write_site(spec, files, sites_dir / spec.site_id)
        sites.append(
            {
                "site_id": spec.site_id,
                "name": spec.name,
                "level": spec.level,
                "region": spec.region,
                "family": spec.family,
                "homepage": files.config["homepage"],
            }
        )
        for doc in sorted(
            (d for d in plan.docs if d.has_page), key=lambda d: (d.published, d.path)
        ):
            documents.append(key.document_row(doc, plan.docs))
        all_pairs += key.pairs(plan)
        for col in files.columns:
            listed = [d for d in plan.docs if d.column.name == col["name"]]
            columns.append(
                {
                    "site_id": spec.site_id,
                    "name": col["name"],
                    "kind": col["kind"],
                    "url": col["url"],
                    "department": col["department"],
                    "item_count": len(listed),
                    "stated_count": "" if col["stated_count"] is None else col["stated_count"],
                    "last_published_date": max(d.published for d in listed).isoformat()
                    if listed
                    else "",
                }
            )
        dead += [
            {"site_id": spec.site_id, **r} for r in sorted(files.dead_links, key=lambda r: r["url"])
        ]
        for record in plan.planted:
            record = dict(record)
            if "seq" in record:
                record["url"] = plan.docs[record.pop("seq")].path
            for name in ("news",):
                if name in record:
                    record[f"{name}_url"] = plan.docs[record.pop(name)].path
            planted.append(record)
        indicators[spec.site_id] = key.indicators(plan, files, RENDERERS[spec.family].related_on)

    write_csv(truth_dir / "sites.csv", sites, list(sites[0]))
    write_csv(truth_dir / "documents.csv", documents, key.DOCUMENT_FIELDS)
    write_csv(truth_dir / "pairs.csv", all_pairs, list(all_pairs[0]))
    write_csv(truth_dir / "columns.csv", columns, list(columns[0]))
    write_csv(truth_dir / "dead_links.csv", dead, ["site_id", "url", "found_on", "kind"])
    (truth_dir / "planted.json").write_text(dumps(planted), encoding="utf-8")
    (truth_dir / "indicators.json").write_text(dumps(indicators), encoding="utf-8")
    summary = {
        "seed": SEED,
        "history": [HISTORY_START.isoformat(), AS_OF.isoformat()],
        "weeks": indicators[SITES[0].site_id]["weekly_updates"]["complete_weeks"],
        "sites": len(SITES),
        "families": len({s.family for s in SITES}),
        "detail_pages": len(documents),
        "pairs": len(all_pairs),
        "dead_links": len(dead),
        "planted_cases": dict(sorted(Counter(r["case"] for r in planted).items())),
    }
    summary["portal_documents"] = write_portal(portals_dir / PORTAL_ID, truth_dir)
    (truth_dir / "summary.json").write_text(dumps(summary), encoding="utf-8")
    return summary


def write_portal(root: Path, truth_dir: Path) -> int:
    """The sample county portal (samples/generator/portal.py) and its key; the key's row count."""
    files, key_rows = build_portal()
    for url_path, html in sorted(files.items()):
        target = root / "www" / file_name(url_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    config = {
        "site_id": PORTAL_ID,
        "name": "云岫县人民政府",
        "encoding": "utf-8",
        "homepage": "/index.html",
    }
    (root / "server.json").write_text(dumps(config), encoding="utf-8")
    (root / "data.json").write_text(dumps({}), encoding="utf-8")
    write_csv(truth_dir / "portal_documents.csv", key_rows, list(key_rows[0]))
    return len(key_rows)
