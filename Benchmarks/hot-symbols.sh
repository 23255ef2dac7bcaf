#!/usr/bin/env bash
# Writes Benchmarks/hot-symbols.txt: the functions the most used commands run, which the
# release link (the Makefile's SWIFT_BUILD, lld's --symbol-ordering-file) places together at
# the start of the executable's text. A command then touches about half as many code pages:
# for a one-team weekly board, 427 page faults instead of 362 in all, RSS 14 MiB instead of
# 9.6 (Benchmarks/README.md). A stale list costs nothing but that gain: names no longer in the
# binary are skipped.
#
# Needs valgrind (apt-get install valgrind). Run after large changes to the commands' code:
#   Benchmarks/hot-symbols.sh [path/to/release/milequest]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${1:-$root/.build-static/release/milequest}
command -v valgrind >/dev/null || { echo "hot-symbols.sh: needs valgrind" >&2; exit 69; }
[[ -x $bin ]] || { echo "hot-symbols.sh: no executable at $bin (make build)" >&2; exit 66; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# valgrind 3.19 cannot read Swift's DWARF 5: profile a copy without debug information.
objcopy --strip-debug "$bin" "$work/milequest"
export TZ=UTC MILEQUEST_TODAY=2026-03-20 MILEQUEST_USER=ann NO_COLOR=1 MILEQUEST_DB="$work/hot.db"
export XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state"
mq() { "$work/milequest" "$@" >/dev/null; }
mq init
mq member add ann
mq member add bob
mq team create Kiwis --since 2026-03-01
mq team add Kiwis bob --since 2026-03-01
mq route add-builtin lejog
mq goal create Quest --team Kiwis --route "$(
  "$work/milequest" route list --format csv | awk -F, 'NR == 2 {print $1}')" --start 2026-03-01
for day in 01 02 03 04 05 06 07 08 09 10; do mq log 4.2km --date "2026-03-$day"; done
mq log 3km --member bob --date 2026-03-05

# The commands run most, profiled; each function once, in the order callgrind lists them.
runs=(
  "log 5km --date 2026-03-11"
  "leaderboard --team Kiwis --period week"
  "leaderboard --teams"
  "leaderboard"
  "progress Quest"
  "progress --format json"
  "walks --limit 5"
  "stats"
)
index=0
for run in "${runs[@]}"; do
  read -r -a words <<<"$run"
  valgrind --tool=callgrind --demangle=no --callgrind-out-file="$work/cg.$index" \
    "$work/milequest" "${words[@]}" >/dev/null 2>&1
  index=$((index + 1))
done
cat "$work"/cg.* | sed -nE 's/^c?fn=\([0-9]+\) (.*)$/\1/p' | grep -v -e '^0x' -e "'" |
  awk '!seen[$0]++' >"$root/Benchmarks/hot-symbols.txt"
echo "wrote Benchmarks/hot-symbols.txt ($(wc -l <"$root/Benchmarks/hot-symbols.txt") functions)"
