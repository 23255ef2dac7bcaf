#!/usr/bin/env bash
# Issue 17's import benchmarks, beside their baselines in the same run (Benchmarks/README.md,
# "Apple Health and FIT"): `import health --dry-run` of a generated 1 GB export.xml against
# lxml.etree.iterparse summing the same records (target: at least 2x faster, at most 64 MiB),
# and `import fit --dry-run` of a 10 MB FIT file against python-fitparse (at least 10x faster).
#
# Prerequisites (checked, never installed): GNU time, python3 with lxml for the baseline
# (Debian: python3-lxml; HEALTH_PYTHON names another interpreter), a copy of python-fitparse
# (FITPARSE=DIR, a `git archive` of https://github.com/dtcooper/python-fitparse), and the
# static release binary (`make build`; MILEQUEST_BIN names another).
#
#   HEALTH_MB=1024   size of the generated export.xml;  FIT_MB=10   size of the FIT file
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
work=${BENCH_WORK:-$here/.work}
bin=${MILEQUEST_BIN:-$root/.build-static/release/milequest}
python=${HEALTH_PYTHON:-/usr/bin/python3}
fitparse=${FITPARSE:-$work/fitparse}
mkdir -p "$work"
[[ -x $bin ]] || { echo "imports.sh: no $bin (make build, or set MILEQUEST_BIN)" >&2; exit 69; }
"$python" -c 'import lxml' 2>/dev/null || { echo "imports.sh: $python has no lxml" >&2; exit 69; }
[[ -d $fitparse/fitparse ]] || { echo "imports.sh: no python-fitparse at $fitparse (FITPARSE=DIR)" >&2; exit 69; }

measure() { # measure LABEL CMD...: wall and user seconds, peak RSS
  local label=$1 out
  shift
  out=$( { /usr/bin/time -f '%e %U %M' "$@" >/dev/null; } 2>&1 | tail -1)
  read -r wall user rss <<<"$out"
  printf '%-44s %8.2f s wall %8.2f s user %8.1f MiB\n' "$label" "$wall" "$user" "$(echo "$rss / 1024" | bc -l)"
}

db=$work/imports.db
rm -f "$db"*
"$bin" --db "$db" init --quiet
"$bin" --db "$db" member add ana --quiet

[[ -f $work/export.xml ]] || python3 "$here/generate_health.py" "$work/export.xml" "${HEALTH_MB:-1024}"
echo "Apple Health: $(du -m "$work/export.xml" | cut -f1) MB export.xml"
measure "milequest import health --dry-run" "$bin" --db "$db" import health "$work/export.xml" --member ana --dry-run
measure "lxml.etree.iterparse (same sums)" "$python" "$here/lxml_health_sum.py" "$work/export.xml"

[[ -f $work/big.fit ]] || python3 "$here/generate_fit.py" "$work/big.fit" "${FIT_MB:-10}"
echo "FIT: $(du -m "$work/big.fit" | cut -f1) MB"
measure "milequest import fit --dry-run" "$bin" --db "$db" import fit "$work/big.fit" --member ana --dry-run
measure "python-fitparse (sessions, laps, records)" env PYTHONPATH="$fitparse" python3 "$here/fitparse_sum.py" "$work/big.fit"
