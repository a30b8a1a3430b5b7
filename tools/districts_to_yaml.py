"""Writes the `districts:` section of catalog.yaml from data/az-divisions.csv.

Run once when the reference data changes: python3 tools/districts_to_yaml.py > districts.yaml
The unit that serves each district lives in `units:` (one place), not here.
"""
import csv, json, sys

MISLEADS = {"AZ-NX", "AZ-ZAN"}  # straight line crosses Armenia / Iran (data README)
path = sys.argv[1] if len(sys.argv) > 1 else "data/az-divisions.csv"
q = lambda s: json.dumps(s, ensure_ascii=False)
print("\n# All 78 first-level divisions (ISO 3166-2:AZ), from data/az-divisions.csv.")
print("districts:")
for r in csv.DictReader(open(path, encoding="utf-8")):
    print(f"  - id: {r['iso_code']}")
    print(f"    kind: {r['type']}")
    if r["parent"]:
        print(f"    parent: {r['parent']}")
    print(f"    name: {{az: {q(r['name_az'])}, en: {q(r['name_en'])}, ru: {q(r['name_ru'])}}}")
    alts = [a.strip() for a in r["alt_spellings"].split(";") if a.strip()]
    if alts:
        print(f"    spellings: [{', '.join(q(a) for a in alts)}]")
    print(f"    lat: {r['center_lat']}")
    print(f"    lon: {r['center_lon']}")
    if r["seed_unit_basis"].startswith("inferred"):
        print("    inferred: true")
    if r["iso_code"] in MISLEADS or r["parent"] == "AZ-NX":
        print("    straight_line_misleads: true")
