"""Copy a held-out set applying coding rule 4 as reversed (commit 892b34e): a record whose
response_actions hold manual_fallback and whose impacts name no manual fallback gets the
bare impact "manual fallback". Usage: rule4.py SRC DST; prints every added value."""
import json, os, shutil, sys
src, dst = sys.argv[1], sys.argv[2]
shutil.rmtree(dst, ignore_errors=True); shutil.copytree(src, dst)
def fix(r, name):
    imp = r.get("impacts") or []
    if "manual_fallback" in (r.get("response_actions") or []) and not any(str(i).endswith("manual fallback") for i in imp):
        r["impacts"] = imp + ["manual fallback"]; print(f"{name}{'#'+r['guid'] if 'guid' in r else ''}: + impacts 'manual fallback'")
for f in sorted(os.listdir(dst)):
    if f.endswith(".expected.json"):
        p = os.path.join(dst, f); d = json.load(open(p))
        for r in (d if isinstance(d, list) else [d]): fix(r, f)
        json.dump(d, open(p, "w"), indent=2, ensure_ascii=False)
