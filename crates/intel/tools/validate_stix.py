#!/usr/bin/env python3
"""Validate cordon's STIX 2.1 bundles with the OASIS validator (optional check).

    pip install stix2-validator
    python3 crates/intel/tools/validate_stix.py [CORDON_BINARY]

Ingests examples/intel/ into a temporary store with the cordon binary (default:
target/debug/cordon), exports every incident as a STIX bundle and validates it
against the STIX 2.1 JSON schemas. Exits 0 when every bundle is valid, 1 otherwise,
and 0 with a notice when stix2-validator is not installed. Warnings (e.g. ids are
UUIDv5, deterministic from content, rather than UUIDv4) are reported, not failed.
"""
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def main():
    try:
        from stix2validator import ValidationOptions, validate_string
    except ImportError:
        print("stix2-validator not installed (pip install stix2-validator): skipped")
        return 0
    cordon = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "target", "debug", "cordon")
    data = tempfile.mkdtemp()
    run = lambda *a: subprocess.run([cordon, "intel", *a, "--data", data], check=True,
                                    capture_output=True, text=True).stdout
    run("ingest", "-q", os.path.join(ROOT, "examples", "intel"))
    hits = json.loads(run("search", "--format", "json", "--limit", "1000"))
    opts = ValidationOptions(version="2.1", strict=False)
    bad = 0
    for h in hits:
        bundle = run("report", h["id"], "--format", "stix")
        result = validate_string(bundle, opts)
        if not result.is_valid:
            bad += 1
            for r in result.object_results:
                for e in r.errors:
                    print(f"{h['id']}: {r.object_id}: {e}")
    print(f"{len(hits) - bad} of {len(hits)} STIX bundles valid")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
