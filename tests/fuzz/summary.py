"""One line about one spec's schemathesis run, from its JSON and HAR reports (tests/fuzz/run).

Usage: summary.py NAME REPORT_DIR SECONDS EXIT_CODE
Prints: `<name>: <cases> cases, <failures> failures, <errors> errors, <n> of <m> responses 2xx
(<per-status counts>), <s>s, exit <code>`. Standard library only.
"""

import collections
import glob
import json
import sys


def newest(pattern):
    found = sorted(glob.glob(pattern))
    return found[-1] if found else None


def main():
    name, report_dir, seconds, code = sys.argv[1:5]
    report, har = newest(f"{report_dir}/json-*.json"), newest(f"{report_dir}/har-*.json")
    if report is None:
        print(f"{name}: no report (schemathesis did not finish), {seconds}s, exit {code}")
        return
    try:
        r = json.load(open(report))
    except ValueError:
        # A run stopped by its time limit leaves its report half written.
        print(f"{name}: report unreadable (schemathesis did not finish), {seconds}s, exit {code}")
        return
    cases = r["test_cases"]["generated"]
    failures = r["test_cases"]["unique_failures"]
    errors = len(r.get("errors") or []) + r["test_cases"].get("errored", 0)
    statuses = collections.Counter()
    if har is not None:
        for entry in json.load(open(har))["log"]["entries"]:
            statuses[entry["response"]["status"]] += 1
    total = sum(statuses.values())
    ok = sum(n for s, n in statuses.items() if 200 <= s < 300)
    spread = " ".join(f"{s}:{n}" for s, n in sorted(statuses.items()))
    print(
        f"{name}: {cases} cases, {failures} failures, {errors} errors, "
        f"{ok} of {total} responses 2xx ({spread}), {seconds}s, exit {code}"
    )
    by_check = ", ".join(f"{f['code']} {f['title']}: {f['count']}" for f in r.get("failures", []))
    if by_check:
        print(f"{name}:   {by_check}")


if __name__ == "__main__":
    main()
