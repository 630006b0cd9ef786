"""python -m samples.generator [--out DIR]: regenerate the sample sites and the answer key."""

import argparse
import json
from pathlib import Path

from samples.generator.build import SAMPLES_DIR, build


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m samples.generator",
        description="Regenerate the bundled sample commission sites (samples/sites) and their "
        "answer key (samples/truth) from the fixed seed. Same seed, same bytes.",
    )
    parser.add_argument(
        "--out", type=Path, default=SAMPLES_DIR, help="directory to write sites/ and truth/ into"
    )
    args = parser.parse_args()
    summary = build(args.out)
    print(json.dumps(summary, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
