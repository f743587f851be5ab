"""`python -m teilhabe.bench.loadtest`: the load test alone, on the database a full bench
run left (var/bench/bench.sqlite3 unless DATABASE_URL is set), for tuning without
generating and importing the data set again. `make bench` runs it as part of
`python -m teilhabe.bench`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=6, help="counsellors (plus one team lead)")
    parser.add_argument("--seconds", type=int, default=120)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers")
    args = parser.parse_args()
    out = Path(__file__).resolve().parents[2] / "var" / "bench"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{out / 'bench.sqlite3'}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    import django

    django.setup()
    from teilhabe.bench import load

    result = load.measure(out, counsellors=args.users, seconds=args.seconds, workers=args.workers)
    print(load.summary(result))
    if load.failed(result):
        sys.exit("Load test: failed requests.")


if __name__ == "__main__":
    main()
