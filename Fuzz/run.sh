#!/usr/bin/env bash
# Builds the libFuzzer harnesses and runs each one for SECONDS (default 10) on a copy of its
# seed corpus. Exits 1 when any harness finds a crash, a hang (> 5 s on one input) or an
# out-of-memory (> 2 GB); the input that did it is saved in Fuzz/Artifacts/.
#
#   Fuzz/run.sh [SECONDS] [HARNESS...]      e.g. Fuzz/run.sh 600 FuzzGPX
#
# Needs a Swift toolchain with libFuzzer (the swift.org toolchains for Linux have it; Xcode's
# does not). Reproduce a finding with: Fuzz/.build/release/HARNESS Fuzz/Artifacts/FILE
set -uo pipefail
cd "$(dirname "$0")"

if ! command -v swift >/dev/null 2>&1 && [ -x /opt/swift/usr/bin/swift ]; then
  export PATH="/opt/swift/usr/bin:$PATH"
fi

seconds="${1:-10}"
shift || true
if [ $# -gt 0 ]; then
  harnesses=("$@")
else
  harnesses=()
  for directory in Corpus/*/; do harnesses+=("$(basename "$directory")"); done
fi

# lld rather than the default gold, which warns "Cannot export local symbol
# '__asan_extra_spill_area'" once per harness.
flags=(-c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
  -Xswiftc -use-ld=lld)
echo "fuzz: building the harnesses"
mkdir -p .build
if ! swift build "${flags[@]}" >.build/fuzz-build.log 2>&1; then
  tail -40 .build/fuzz-build.log
  echo "fuzz: the build failed (full log in Fuzz/.build/fuzz-build.log)" >&2
  exit 1
fi
bin="$(swift build "${flags[@]}" --show-bin-path)"
# Like the main build (.ci/no-warnings), the harnesses' build prints no warning; a new one fails
# the run once the fuzzing is done. (Only files compiled by this build can show theirs.)
# SwiftPM's note on ZIPFoundation's undeclared privacy manifest is the dependency's, not ours
# (.ci/no-warnings leaves it out too).
warnings="$(grep "warning:" .build/fuzz-build.log | grep -v '^ *|' \
  | grep -v "'zipfoundation': found 1 file(s) which are unhandled" | sort -u || true)"

artifacts="$PWD/Artifacts"
mkdir -p "$artifacts"
work="$(mktemp -d "${TMPDIR:-/tmp}/milequest-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
failed=()
for harness in "${harnesses[@]}"; do
  if [ ! -x "$bin/$harness" ] || [ ! -d "Corpus/$harness" ]; then
    echo "fuzz: unknown harness '$harness'" >&2
    exit 64
  fi
  # A copy of the corpus, so what a run adds never lands in the repository.
  mkdir -p "$work/$harness"
  cp Corpus/"$harness"/* "$work/$harness/"
  # Leak detection is off: TOMLKit leaks a table per parse, and leaks do not matter to a
  # process that exits after one command.
  (cd "$work" && TMPDIR="$work" SWIFT_BACKTRACE=enable=no \
    ASAN_OPTIONS="detect_leaks=0${ASAN_OPTIONS:+:$ASAN_OPTIONS}" \
    "$bin/$harness" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -detect_leaks=0 -print_final_stats=1 \
    -artifact_prefix="$artifacts/$harness-" "$work/$harness" \
    >"$work/$harness.log" 2>&1)
  status=$?
  runs="$(grep -E '^stat::number_of_executed_units' "$work/$harness.log" | awk '{print $2}')"
  if [ "$status" -eq 0 ]; then
    echo "fuzz: $harness ok (${runs:-?} runs in ${seconds}s)"
  else
    failed+=("$harness")
    grep -E 'ERROR|Fatal error|SUMMARY|Test unit written|^    #[0-9]+ ' "$work/$harness.log" \
      | head -40
    echo "fuzz: $harness FAILED (exit $status); input saved in Fuzz/Artifacts/" >&2
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
if [ -n "$warnings" ]; then
  echo "$warnings"
  echo "fuzz: the harnesses' build printed warnings (above; full log in Fuzz/.build/fuzz-build.log)" >&2
  exit 1
fi
echo "fuzz: no findings in ${#harnesses[@]} harnesses"
