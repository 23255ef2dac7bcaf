#!/usr/bin/env bash
# milequest benchmarks: each operation's median wall time beside a baseline measured in the
# same run (the sqlite3 shell running hand-written SQL on the same schema, or gpxpy), the
# ratio, the target, and the peak memory of both. See Benchmarks/README.md.
#
# Environment:
#   BENCH_SCALE=1        data-set size (1 = 10,000 members, 1,000 teams, 1,000,000 walks,
#                        a 50,000-point route, a 200,000-point GPX track); 0.01 = smoke run
#   BENCH_WALKS=10M      issue 16's company-wide set instead: 100,000 members, 10,000 teams and
#                        this many walks (1M, 5M, 10M or a number) over 2026, skewed (most
#                        members walk rarely, some daily); BENCH_SCALE is then ignored, and
#                        unless BENCH_ONLY says otherwise only the read rows and `log` run
#                        (an import of 10M rows takes minutes per run), without PostgreSQL
#   BENCH_WORK=DIR       work directory (default Benchmarks/.work, git-ignored)
#   BENCH_RUNS=10        hyperfine runs per read/log command (BENCH_WARMUP=2 warm-up runs),
#                        in BENCH_ROUNDS=5 rounds that alternate milequest and the baseline
#   BENCH_SLOW_RUNS=3    runs for the import and GPX commands (no warm-up; fresh copy each run)
#   BENCH_ONLY=REGEX     only the operations whose name matches (e.g. 'board|progress')
#   MILEQUEST_BIN=PATH   benchmark this binary instead of building it (the static build with
#                        the flags of the Makefile's SWIFT_BUILD, as `make install` does)
#   BENCH_PG=0          skip the PostgreSQL rows (skipped anyway when PostgreSQL's server
#                        programs are not installed; MILEQUEST_PG_BIN=DIR names them)
#   BENCH_PG_WRITERS=16, BENCH_PG_LOGS   the concurrent writers row: writers, and logs each
#                        (200 at BENCH_SCALE=0.1 and above, 2000 x scale below, at least 10)
#   BENCH_CHECK=FACTOR   after the table, exit 1 when a target is missed by more than FACTOR
#                        (or memory passes 64 MiB, or a timing is missing): report.py --check.
#                        CI's smoke run uses 3 (.ci/bench-smoke). Unset: the table only.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
scale=${BENCH_SCALE:-1}
work=${BENCH_WORK:-$here/.work}
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-2}
slow_runs=${BENCH_SLOW_RUNS:-3}
rounds=${BENCH_ROUNDS:-5}
only=${BENCH_ONLY:-.}
walks_set=${BENCH_WALKS:-}
if [[ -n $walks_set ]]; then
  case $walks_set in
  *[Mm]) walks_set=$((${walks_set%[Mm]} * 1000000)) ;;
  *[Kk]) walks_set=$((${walks_set%[Kk]} * 1000)) ;;
  esac
  [[ $walks_set =~ ^[0-9]+$ && $walks_set -gt 0 ]] ||
    { echo "run.sh: BENCH_WALKS must be a count such as 1M, 5M or 10M" >&2; exit 64; }
  only=${BENCH_ONLY:-board|progress|stats|show|goal_list|walks_limit|log}
  export BENCH_PG=${BENCH_PG:-0}
fi

# --- tools: check, never install ----------------------------------------------------------
missing=()
command -v hyperfine >/dev/null || missing+=("hyperfine  (apt-get install hyperfine, or cargo install hyperfine)")
command -v sqlite3 >/dev/null || missing+=("sqlite3    (apt-get install sqlite3)")
command -v python3 >/dev/null || missing+=("python3    (apt-get install python3)")
[[ -x /usr/bin/time ]] && /usr/bin/time -v true >/dev/null 2>&1 ||
  missing+=("GNU time   (apt-get install time; /usr/bin/time -v must work)")
if command -v python3 >/dev/null && ! python3 -c 'import gpxpy' 2>/dev/null; then
  missing+=("gpxpy      (pip install gpxpy)")
fi
if [[ -z ${MILEQUEST_BIN:-} ]] && ! command -v swift >/dev/null; then
  missing+=("swift      (https://www.swift.org/install/), or set MILEQUEST_BIN")
fi
if ((${#missing[@]})); then
  echo "run.sh: missing tools:" >&2
  printf '  %s\n' "${missing[@]}" >&2
  exit 69
fi

# --- build ---------------------------------------------------------------------------------
if [[ -z ${MILEQUEST_BIN:-} ]]; then
  # A fully static executable, as `make install` builds it: no dynamic loader and no
  # relocations at start-up, the largest fixed cost of the small commands (Benchmarks/README.md).
  static=(-Xswiftc -static-executable -Xlinker -ltinfo
    -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
    -Xswiftc -use-ld=lld -Xlinker "--symbol-ordering-file=$here/hot-symbols.txt"
    -Xlinker --no-warn-symbol-ordering)
  echo "== swift build -c release ${static[*]}"
  swift build -c release --package-path "$root" --scratch-path "$root/.build-static" "${static[@]}"
  bin="$(swift build -c release --package-path "$root" --scratch-path "$root/.build-static" \
    "${static[@]}" --show-bin-path)/milequest"
else
  bin=$MILEQUEST_BIN
fi
[[ -x $bin ]] || { echo "run.sh: no executable at $bin" >&2; exit 66; }

# Pin time zone, "today" and the acting member; keep the user's config out of it.
export TZ=UTC MILEQUEST_TODAY=2026-12-31 MILEQUEST_USER=m00000 NO_COLOR=1
export XDG_CONFIG_HOME="$work/xdg-config" XDG_STATE_HOME="$work/xdg-state"
week_from=2026-12-28 week_to=2027-01-03 # the ISO week of MILEQUEST_TODAY

# --- data ----------------------------------------------------------------------------------
data="$work/data-$scale"
[[ -n $walks_set ]] && data="$work/data-walks-$walks_set"
db="$work/db"
[[ -n $walks_set ]] && db="$work/db-walks-$walks_set"
res="$work/results"
mkdir -p "$data" "$db" "$res" "$work/sql" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME"
gpx_points=$(python3 -c "print(max(1000, round(200000 * $scale)))")
stamp="$(cat "$here/generate.py" "$here/generate_gpx.py" | sha256sum | cut -c1-16)-$gpx_points"
if [[ ! -f $data/stamp || $(cat "$data/stamp") != "$stamp" ]]; then
  if [[ -n $walks_set ]]; then
    echo "== generating issue 16's data set ($walks_set walks) in $data"
    python3 "$here/generate.py" "$data" --walks "$walks_set"
  else
    echo "== generating the data set (scale $scale) in $data"
    python3 "$here/generate.py" "$data" --scale "$scale"
  fi
  python3 "$here/generate_gpx.py" "$data/track.gpx" --points "$gpx_points"
  echo "$stamp" >"$data/stamp"
fi
# shellcheck disable=SC1091
source "$data/names.env"
TEAM0=${TEAM0:-team-000} QUEST0=${QUEST0:-quest-000}
echo "   $MEMBERS members, $TEAMS teams, $WALKS walks, $ROUTE_POINTS route points," \
  "GPX $gpx_points points ($(du -m "$data/track.gpx" | cut -f1) MB), walks.csv $(du -m "$data/walks.csv" | cut -f1) MB"
rm -f "$res"/*.json "$res"/*.rss "$res/ops.tsv"

fresh() { # fresh SRC DEST: a copy of a database file without WAL leftovers, on disk
  rm -f "$2" "$2-wal" "$2-shm"
  cp "$1" "$2"
  # Written out now: else the copy's 170 MB drain in the background while commands are
  # timed, and whichever side's fdatasync meets them pays (log read 1.95x that way).
  sync "$2"
}

q() { printf '%q ' "$@"; } # a command line for hyperfine -N (shell-words quoting)
prep() { # prep SRC DEST: a hyperfine --prepare command that makes DEST a fresh copy of SRC
  q sh -c 'rm -f "$2" "$2-wal" "$2-shm" && cp "$1" "$2" && sync "$2"' prep "$1" "$2"
}

rss() { # rss NAME CMD...: peak RSS in KiB of one run, into $res/NAME.rss
  local name=$1
  shift
  /usr/bin/time -v -o "$res/$name.time" "$@" >/dev/null
  awk -F': ' '/Maximum resident set size/ {print $2}' "$res/$name.time" >"$res/$name.rss"
}

hf() { # hf NAME RUNS WARMUP PREPARE CMD: hyperfine, JSON into $res/NAME.json
  local name=$1 n=$2 w=$3 prep=$4 cmd=$5
  local args=(-N --style basic --runs "$n" --warmup "$w" --export-json "$res/$name.json")
  [[ -n $prep ]] && args+=(--prepare "$prep")
  local out
  # A command that fails stops the run: its timing would be of an error message.
  if ! out=$(hyperfine "${args[@]}" --command-name "$name" "$cmd" 2>&1); then
    printf '%s\n' "$out" >&2
    echo "run.sh: $name failed: $cmd" >&2
    exit 1
  fi
  grep -E 'Time|Range' <<<"$out" || true
}

# hf_pair NAME RUNS WARMUP MQ-CMD BASE-CMD: both commands in alternating rounds, each round a
# share of the runs after its own warm-up; the report takes the median of all of a side's
# runs. On a shared machine load comes in bursts of seconds, and one side timed entirely
# before the other could take a whole burst alone (a 1.3× ratio read 2.0× that way).
hf_pair() {
  local name=$1 n=$2 w=$3 mq=$4 base=$5 r
  local per=$(((n + rounds - 1) / rounds))
  for ((r = 1; r <= rounds; r++)); do
    hf "$name.mq.$r" "$per" "$w" "" "$mq" >/dev/null
    hf "$name.base.$r" "$per" "$w" "" "$base" >/dev/null
  done
  python3 "$here/report.py" "$res" --summary "$name"
}

# op NAME LABEL TARGET: registers an operation for the report.
# TARGET: ratio<=X, wall<=SECONDS, speedup>=X, rss<=MIB, or - (no target)
op() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$res/ops.tsv"; }
want() { [[ $1 =~ $only ]]; }

# --- the import baseline (also how issue 16's sets load their walks) ----------------------
cat >"$work/sql/import.sql" <<EOF
.bail on
BEGIN;
CREATE TEMP TABLE staging(member TEXT, date TEXT, distance_m TEXT, duration_s TEXT, steps TEXT);
.import --csv --skip 1 --schema temp "$data/walks.csv" staging
INSERT OR IGNORE INTO walk(memberId, date, distanceMetres, durationSeconds, steps, source, externalId)
SELECT m.id, s.date, CAST(s.distance_m AS REAL), CAST(NULLIF(s.duration_s, '') AS REAL),
       CAST(NULLIF(s.steps, '') AS INTEGER), 'import',
       'fp:' || m.handle || '|' || s.date || '|' || s.distance_m || '|' || coalesce(NULLIF(s.duration_s, ''), '-1')
FROM staging s JOIN member m ON m.handle = lower(s.member)
WHERE date(s.date) = s.date AND s.date <= '$MILEQUEST_TODAY'
  AND CAST(s.distance_m AS REAL) > 0 AND CAST(s.distance_m AS REAL) <= 1609344.0;
COMMIT;
EOF
# The same import writing what milequest writes besides the walks: each member's day and
# month totals, each membership's running total and each team's total (README, "What each
# baseline does"). sqlite3 has no exact sums: total() stands in for the partials, a value of
# the same size. A comparison row only; the issue's target is against import.sql.
{
  sed '/^COMMIT;$/d' "$work/sql/import.sql"
  cat <<'EOF2'
INSERT INTO walkDay(memberId, date, partials, walks)
SELECT memberId, date, total(distanceMetres), count(*) FROM walk WHERE isDeleted = 0
GROUP BY memberId, date
ON CONFLICT(date, memberId) DO UPDATE SET partials = excluded.partials, walks = walks + excluded.walks;
INSERT INTO walkMonth(memberId, month, partials, walks)
SELECT memberId, substr(date, 1, 7), total(distanceMetres), count(*) FROM walk WHERE isDeleted = 0
GROUP BY memberId, substr(date, 1, 7)
ON CONFLICT(month, memberId) DO UPDATE SET partials = excluded.partials, walks = walks + excluded.walks;
INSERT INTO membershipTotal(membershipId, partials, walks)
SELECT ms.id, total(w.distanceMetres), count(*)
FROM walk w CROSS JOIN membership ms ON ms.memberId = w.memberId AND w.date >= ms.joined
  AND (ms."left" IS NULL OR w.date < ms."left")
WHERE w.isDeleted = 0 GROUP BY ms.id
ON CONFLICT(membershipId) DO UPDATE SET partials = excluded.partials, walks = walks + excluded.walks;
INSERT OR REPLACE INTO teamTotal(teamId, partials, walks, members, walkers)
SELECT m.teamId, total(t.partials), coalesce(sum(t.walks), 0), count(DISTINCT m.memberId),
  count(DISTINCT CASE WHEN t.walks > 0 THEN m.memberId END)
FROM membership m LEFT JOIN membershipTotal t ON t.membershipId = m.id GROUP BY m.teamId;
COMMIT;
EOF2
} >"$work/sql/import_totals.sql"
# --- load: import all (no walks), then import walks (the import benchmark's first run) -----
echo "== loading: milequest import all setup.json"
rm -f "$db/nowalks.db"*
# A path named with --db is never created by an ordinary command: `init` makes it.
"$bin" --db "$db/nowalks.db" init >/dev/null
rss load_all.mq "$bin" --db "$db/nowalks.db" --yes import all "$data/setup.json"
sqlite3 "$db/nowalks.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null

# The loaded database is rebuilt when the data or the binary changes (a new binary may bring a
# migration, and the baseline must query the same schema).
loaded_stamp="$stamp $bin $(stat -c '%s %Y' "$bin")"
if [[ -n $walks_set ]]; then
  # issue 16's sets are loaded by sqlite3 and fill_totals.py, not by the binary: rebuilt
  # only when the data or the schema (the migrations of this binary's init) change
  loaded_stamp="$stamp $(sqlite3 "$db/nowalks.db" 'SELECT group_concat(identifier) FROM grdb_migrations')"
fi
if [[ ! -f $db/loaded.db || ! -f $db/loaded.stamp || $(cat "$db/loaded.stamp") != "$loaded_stamp" ]] ||
  want import_walks; then
  echo "== loading: milequest import walks walks.csv ($WALKS rows; also the import's RSS run)"
  fresh "$db/nowalks.db" "$db/loaded.db"
  start=$(date +%s.%N)
  if [[ -n $walks_set ]]; then
    # issue 16's sets: straight into SQLite (the import baseline's SQL), then the running
    # and day totals as the migrations compute them (fill_totals.py); 10M rows through
    # `milequest import walks` would take half an hour per size
    sqlite3 -cmd "PRAGMA cache_size = -1000000" "$db/loaded.db" ".read $work/sql/import.sql"
    python3 "$here/fill_totals.py" "$db/loaded.db"
    echo "   took $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s (sqlite3 and fill_totals.py)"
  else
    rss import_walks.mq "$bin" --db "$db/loaded.db" import walks "$data/walks.csv"
    echo "   took $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s," \
      "peak RSS $(($(cat "$res/import_walks.mq.rss") / 1024)) MiB"
  fi
  sqlite3 "$db/loaded.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  echo "$loaded_stamp" >"$db/loaded.stamp"
fi
count=$(sqlite3 "$db/loaded.db" 'SELECT count(*) FROM walk')
[[ $count == "$WALKS" ]] || echo "   WARNING: loaded database has $count walks, expected $WALKS" >&2

if want import_walks; then
  echo "== import walks ($WALKS rows into a fresh copy, $slow_runs runs each)"
  op import_walks "import walks ($WALKS CSV rows)" "ratio<=1.2"
  hf import_walks.mq "$slow_runs" 0 "$(prep "$db/nowalks.db" "$db/imp.db")" \
    "$(q "$bin" --db "$db/imp.db" import walks "$data/walks.csv")"
  if [[ -n $walks_set ]]; then
    # issue 16's sets load without milequest: its peak RSS needs a run of its own
    fresh "$db/nowalks.db" "$db/imp.db"
    rss import_walks.mq "$bin" --db "$db/imp.db" import walks "$data/walks.csv"
  fi
  fresh "$db/nowalks.db" "$db/imp-sql.db"
  rss import_walks.base sqlite3 "$db/imp-sql.db" ".read $work/sql/import.sql"
  hf import_walks.base "$slow_runs" 0 "$(prep "$db/nowalks.db" "$db/imp-sql.db")" \
    "$(q sqlite3 "$db/imp-sql.db" ".read $work/sql/import.sql")"
  # the same milequest runs against the baseline that also writes the totals
  op import_walks_totals "import walks vs sqlite3 writing the same totals" "—"
  for file in "$res"/import_walks.mq*.json "$res/import_walks.mq.rss"; do
    [[ -e $file ]] && cp "$file" "${file/import_walks.mq/import_walks_totals.mq}"
  done
  fresh "$db/nowalks.db" "$db/imp-sql.db"
  rss import_walks_totals.base sqlite3 "$db/imp-sql.db" ".read $work/sql/import_totals.sql"
  hf import_walks_totals.base "$slow_runs" 0 "$(prep "$db/nowalks.db" "$db/imp-sql.db")" \
    "$(q sqlite3 "$db/imp-sql.db" ".read $work/sql/import_totals.sql")"
  rm -f "$db"/imp*.db*
fi

# --- import all: an `export all` of the loaded database (every walk) into a new database ----
# No baseline: the target is the memory limit (the document is 285 MB at scale 1; it used to
# be parsed whole, 1.5 GB). Time and RSS of milequest only.
if want import_all; then
  echo "== import all (export all of the loaded database, $WALKS walks; $slow_runs runs)"
  op import_all "import all ($WALKS walks, export all document)" "rss<=64"
  fresh "$db/loaded.db" "$db/export.db"
  "$bin" --db "$db/export.db" export all --output "$db/all.json"
  echo "   document $(du -m "$db/all.json" | cut -f1) MB"
  hf import_all.mq "$slow_runs" 0 \
    "$(q sh -c 'rm -f "$1" "$1-wal" "$1-shm" && "$2" --db "$1" init >/dev/null' prep "$db/all.db" "$bin")" \
    "$(q "$bin" --db "$db/all.db" --yes import all "$db/all.json")"
  rm -f "$db/all.db"*
  "$bin" --db "$db/all.db" init >/dev/null
  rss import_all.mq "$bin" --db "$db/all.db" --yes import all "$db/all.json"
  rm -f "$db"/all.db* "$db"/export.db* "$db/all.json"
fi

# --- reads: leaderboards and progress vs hand-written SQL ----------------------------------
fresh "$db/loaded.db" "$db/mq.db"   # milequest reads this one
fresh "$db/loaded.db" "$db/sql.db"  # the sqlite3 shell reads this one

member_board() { # member_board TEAM-FILTER FROM TO: members of one team or one goal
  local from=$2 to=$3
  cat <<EOF
SELECT m.handle, total(w.distanceMetres) AS d, count(w.id) AS walks
FROM membership ms JOIN member m ON m.id = ms.memberId
LEFT JOIN walk w ON w.memberId = ms.memberId AND w.isDeleted = 0
  AND w.date >= ms.joined AND (ms."left" IS NULL OR w.date < ms."left")
  AND w.date >= '$from' AND w.date <= '$to'
WHERE $1 AND ms.joined <= '$to' AND (ms."left" IS NULL OR ms."left" > '$from')
GROUP BY m.id ORDER BY d DESC, m.handle;
EOF
}
teams_board() { # teams_board FROM TO
  cat <<EOF
SELECT t.name, total(w.distanceMetres) AS d, count(w.id) AS walks,
       count(DISTINCT ms.memberId) AS members, count(DISTINCT w.memberId) AS walkers
FROM team t JOIN membership ms ON ms.teamId = t.id
LEFT JOIN walk w ON w.memberId = ms.memberId AND w.isDeleted = 0
  AND w.date >= ms.joined AND (ms."left" IS NULL OR w.date < ms."left")
  AND w.date >= '$1' AND w.date <= '$2'
WHERE ms.joined <= '$2' AND (ms."left" IS NULL OR ms."left" > '$1')
GROUP BY t.id ORDER BY d DESC, t.name;
EOF
}
one_team="ms.teamId = (SELECT id FROM team WHERE nameKey = '$TEAM0')"
teams_board 0000-01-01 9999-12-31 >"$work/sql/teams_all.sql"
teams_board "$week_from" "$week_to" >"$work/sql/teams_week.sql"
member_board "$one_team" 0000-01-01 9999-12-31 >"$work/sql/team_all.sql"
member_board "$one_team" "$week_from" "$week_to" >"$work/sql/team_week.sql"
member_board "ms.teamId IN (SELECT teamId FROM goalTeam WHERE goalId = (SELECT id FROM goal WHERE nameKey = 'race-0'))" \
  2026-01-01 2026-12-31 >"$work/sql/goal.sql"
cat >"$work/sql/progress.sql" <<EOF
-- the route's points (for the position and the milestones)
SELECT p.latitude, p.longitude, p.label
FROM goal g JOIN routePoint p ON p.routeId = g.routeId
WHERE g.nameKey = '$QUEST0' ORDER BY p.position;
-- the team's distance per day inside the goal window (total, milestone dates, pace)
SELECT w.date, total(w.distanceMetres)
FROM goal g JOIN goalTeam gt ON gt.goalId = g.id
JOIN membership ms ON ms.teamId = gt.teamId
JOIN walk w ON w.memberId = ms.memberId AND w.isDeleted = 0
  AND w.date >= ms.joined AND (ms."left" IS NULL OR w.date < ms."left")
  AND w.date >= g.start AND (g."end" IS NULL OR w.date <= g."end")
WHERE g.nameKey = '$QUEST0'
GROUP BY w.date ORDER BY w.date;
EOF

read_pair() { # read_pair NAME LABEL TARGET SQL-FILE MILEQUEST-ARGS...
  local name=$1 label=$2 target=$3 sql=$4
  shift 4
  want "$name" || return 0
  echo "== $label"
  op "$name" "$label" "$target"
  hf_pair "$name" "$runs" "$warmup" "$(q "$bin" --db "$db/mq.db" "$@")" \
    "$(q sqlite3 "$db/sql.db" ".read $work/sql/$sql")"
  rss "$name.mq" "$bin" --db "$db/mq.db" "$@"
  rss "$name.base" sqlite3 "$db/sql.db" ".read $work/sql/$sql"
}
read_pair board_teams_all "leaderboard --teams (all time)" "wall<=0.05" teams_all.sql leaderboard --teams
read_pair board_teams_week "leaderboard --teams --period week" - teams_week.sql leaderboard --teams --period week
read_pair board_team_week "leaderboard --team $TEAM0 --period week" "ratio<=2" team_week.sql leaderboard --team "$TEAM0" --period week
read_pair board_team_all "leaderboard --team $TEAM0 (all time)" - team_all.sql leaderboard --team "$TEAM0"
read_pair board_goal "leaderboard --goal race-0 (10 teams)" - goal.sql leaderboard --goal race-0
read_pair progress "progress $QUEST0" "ratio<=2" progress.sql progress "$QUEST0"

# --- issue 16: boards over any period, and the other read commands a person types ----------
# Target "interactive": at most 50 ms, or at most 2x the hand-written SQL (report.py).
teams_board 2026-12-31 2026-12-31 >"$work/sql/teams_day.sql"
teams_board 2026-12-01 2026-12-31 >"$work/sql/teams_month.sql"
teams_board 2026-01-01 2026-12-31 >"$work/sql/teams_year.sql"
teams_board 2026-03-01 2026-05-31 >"$work/sql/teams_range.sql"
member_board "$one_team" 2026-12-01 2026-12-31 >"$work/sql/team_month.sql"
member_board "$one_team" 2026-01-01 2026-12-31 >"$work/sql/team_year.sql"
member_board "ms.teamId IN (SELECT teamId FROM goalTeam WHERE goalId = (SELECT id FROM goal WHERE nameKey = 'race-0'))" \
  2026-12-01 2026-12-31 >"$work/sql/goal_month.sql"
cat >"$work/sql/stats_member.sql" <<EOF
-- the member's walks per day (streaks, best day, totals) and their longest walk
SELECT w.date, total(w.distanceMetres), count(*), max(w.distanceMetres)
FROM walk w WHERE w.memberId = (SELECT id FROM member WHERE handle = 'm00001') AND w.isDeleted = 0
GROUP BY w.date ORDER BY w.date;
EOF
cat >"$work/sql/stats_team.sql" <<EOF
-- the team's walks (inside its memberships) per day, and its longest walk
SELECT w.date, total(w.distanceMetres), count(*), max(w.distanceMetres)
FROM membership ms JOIN walk w ON w.memberId = ms.memberId AND w.isDeleted = 0
  AND w.date >= ms.joined AND (ms."left" IS NULL OR w.date < ms."left")
WHERE $one_team GROUP BY w.date ORDER BY w.date;
EOF
cat >"$work/sql/member_show.sql" <<EOF
-- the member, their memberships with team names, and their walks' count and total
SELECT * FROM member WHERE handle = 'm00001';
SELECT t.name, ms.role, ms.joined, ms."left" FROM membership ms JOIN team t ON t.id = ms.teamId
WHERE ms.memberId = (SELECT id FROM member WHERE handle = 'm00001') ORDER BY ms.joined;
SELECT count(*), total(distanceMetres) FROM walk
WHERE memberId = (SELECT id FROM member WHERE handle = 'm00001') AND isDeleted = 0;
EOF
cat >"$work/sql/team_show.sql" <<EOF
-- the team, its members with their distance while members, and its goals
SELECT * FROM team WHERE nameKey = '$TEAM0';
$(member_board "$one_team" 0000-01-01 9999-12-31)
SELECT g.name FROM goal g JOIN goalTeam gt ON gt.goalId = g.id
WHERE gt.teamId = (SELECT id FROM team WHERE nameKey = '$TEAM0') ORDER BY g.start, g.nameKey;
EOF
cat >"$work/sql/goal_list.sql" <<EOF
-- every active goal with each of its teams' distance inside the window and the memberships
SELECT g.name, gt.teamId, total(w.distanceMetres)
FROM goal g JOIN goalTeam gt ON gt.goalId = g.id
JOIN membership ms ON ms.teamId = gt.teamId
LEFT JOIN walk w ON w.memberId = ms.memberId AND w.isDeleted = 0
  AND w.date >= ms.joined AND (ms."left" IS NULL OR w.date < ms."left")
  AND w.date >= g.start AND (g."end" IS NULL OR w.date <= g."end")
WHERE g.state = 'active' GROUP BY g.id, gt.teamId ORDER BY g.start, g.nameKey;
EOF
cat >"$work/sql/walks_limit.sql" <<EOF
SELECT w.id, m.handle, w.date, w.distanceMetres, w.durationSeconds, w.steps, w.source
FROM walk w JOIN member m ON m.id = w.memberId
WHERE w.memberId = (SELECT id FROM member WHERE handle = 'm00001') AND w.isDeleted = 0
ORDER BY w.date DESC, w.id DESC LIMIT 20;
EOF
read_pair board_teams_day "leaderboard --teams --period today" interactive teams_day.sql leaderboard --teams --period today
read_pair board_teams_month "leaderboard --teams --period month" interactive teams_month.sql leaderboard --teams --period month
read_pair board_teams_year "leaderboard --teams --period year" interactive teams_year.sql leaderboard --teams --period year
read_pair board_teams_range "leaderboard --teams --from 2026-03-01 --to 2026-05-31" interactive teams_range.sql \
  leaderboard --teams --from 2026-03-01 --to 2026-05-31
read_pair board_team_month "leaderboard --team $TEAM0 --period month" interactive team_month.sql leaderboard --team "$TEAM0" --period month
read_pair board_team_year "leaderboard --team $TEAM0 --period year" interactive team_year.sql leaderboard --team "$TEAM0" --period year
read_pair board_goal_month "leaderboard --goal race-0 --period month" interactive goal_month.sql leaderboard --goal race-0 --period month
read_pair stats_member "stats --member m00001" interactive stats_member.sql stats --member m00001
read_pair stats_team "stats --team $TEAM0" interactive stats_team.sql stats --team "$TEAM0"
read_pair member_show "member show m00001" interactive member_show.sql member show m00001
read_pair team_show "team show $TEAM0" interactive team_show.sql team show "$TEAM0"
read_pair goal_list "goal list" interactive goal_list.sql goal list
read_pair walks_limit "walks --member m00001 --limit 20" interactive walks_limit.sql walks --member m00001 --limit 20

# --- export walks vs sqlite3 -csv of the same columns -----------------------------------------
# The baseline selects the stored columns milequest prints (handle joined, live walks, in
# date order); milequest also computes the display-unit distance column.
cat >"$work/sql/export.sql" <<'EOF'
.mode csv
.headers on
SELECT w.id, m.handle, w.date, w.distanceMetres, w.durationSeconds, w.steps, w.note, w.source,
       w.externalId
FROM walk w JOIN member m ON m.id = w.memberId WHERE w.isDeleted = 0 ORDER BY w.date, w.id;
EOF
if want export_walks; then
  echo "== export walks ($WALKS walks, csv to /dev/null; $slow_runs runs each)"
  op export_walks "export walks ($WALKS walks, csv)" "ratio<=1.5"
  hf export_walks.mq "$slow_runs" 1 "" "$(q "$bin" --db "$db/mq.db" export walks)"
  hf export_walks.base "$slow_runs" 1 "" "$(q sqlite3 "$db/sql.db" ".read $work/sql/export.sql")"
  rss export_walks.mq "$bin" --db "$db/mq.db" export walks
  rss export_walks.base sqlite3 "$db/sql.db" ".read $work/sql/export.sql"
fi

# --- log one walk vs one sqlite3 INSERT ----------------------------------------------------
if want log; then
  echo "== log one walk"
  op log "log one walk" "ratio<=2"
  fresh "$db/loaded.db" "$db/log.db"
  fresh "$db/loaded.db" "$db/log-sql.db"
  insert="INSERT INTO walk(memberId, date, distanceMetres, source) VALUES ((SELECT id FROM member WHERE handle = 'm00001'), '2026-12-30', 5000.0, 'manual');"
  hf_pair log "$runs" "$warmup" \
    "$(q "$bin" --db "$db/log.db" log 5km --member m00001 --date 2026-12-30)" \
    "$(q sqlite3 "$db/log-sql.db" "$insert")"
  rss log.mq "$bin" --db "$db/log.db" log 5km --member m00001 --date 2026-12-30
  rss log.base sqlite3 "$db/log-sql.db" "$insert"
  rm -f "$db"/log*.db*
fi

# --- import gpx vs gpxpy length_2d ---------------------------------------------------------
if want import_gpx; then
  echo "== import gpx ($gpx_points points) into a fresh database"
  op import_gpx "import gpx ($gpx_points points)" "speedup>=10"
  rm -f "$db/gpx-empty.db"*
  "$bin" --db "$db/gpx-empty.db" init >/dev/null
  "$bin" --db "$db/gpx-empty.db" member add m00000 >/dev/null
  sqlite3 "$db/gpx-empty.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
  hf import_gpx.mq "$slow_runs" 1 "$(prep "$db/gpx-empty.db" "$db/gpx.db")" \
    "$(q "$bin" --db "$db/gpx.db" import gpx "$data/track.gpx" --member m00000)"
  hf import_gpx.base "$slow_runs" 1 "" "$(q python3 "$here/gpxpy_length.py" "$data/track.gpx")"
  fresh "$db/gpx-empty.db" "$db/gpx.db"
  rss import_gpx.mq "$bin" --db "$db/gpx.db" import gpx "$data/track.gpx" --member m00000
  rss import_gpx.base python3 "$here/gpxpy_length.py" "$data/track.gpx"
  rm -f "$db"/gpx*.db*
fi

# --- the other commands: peak memory only (every command must stay within 64 MiB) -------------
if want memory; then
  echo "== peak memory of the other commands, on the loaded database"
  fresh "$db/loaded.db" "$db/mem.db"
  route=$(sqlite3 "$db/mem.db" 'SELECT name FROM route ORDER BY id LIMIT 1')
  mem() { # mem NAME LABEL MILEQUEST-ARGS...: one run's peak RSS against the 64 MiB limit
    local name=$1 label=$2
    shift 2
    op "mem_$name" "$label" "rss<=64"
    rss "mem_$name.mq" "$bin" --db "$db/mem.db" "$@"
  }
  mem walks "walks (all $WALKS, table)" walks
  mem walks_json "walks --format json (all)" walks --format json
  mem export_walks "export walks" export walks
  mem export_all "export all" export all
  mem export_routes "export routes ($ROUTE_POINTS points)" export routes
  mem route_show "route show --format json ($ROUTE_POINTS points)" route show "$route" --format json
  mem goal_list "goal list --all" goal list --all
  mem stats "stats --team $TEAM0" stats --team "$TEAM0"
  mem map "map race-0 (SVG)" map race-0 --output "$db/mem.svg"
  mem chart "chart race-0 (SVG)" chart race-0 --output "$db/mem-chart.svg"
  mem report "report race-0 (HTML)" report race-0 --output "$db/mem.html"
  mem check "check" check
  mem backup "backup" backup "$db/mem-backup.db"
  rm -f "$db"/mem.db* "$db"/mem-backup.db* "$db"/mem*.svg "$db/mem.html"

  # import walks of a 1 GB CSV (at BENCH_SCALE=1; scaled with it): read a chunk at a time,
  # so memory stays flat however large the file (it used to hold the whole file).
  big_rows=$(python3 -c "print(max(1000, round(2300000 * $scale)))")
  python3 - "$db/big.csv" "$big_rows" <<'EOF'
import sys
path, rows = sys.argv[1], int(sys.argv[2])
note = "n" * 440
with open(path, "w") as f:
    f.write("member,date,distance_m,note\n")
    for i in range(rows):
        f.write("m00000,2026-%02d-%02d,%.3f,%s\n" % (1 + i % 12, 1 + (i // 12) % 28, 1000 + i / 1000, note))
EOF
  fresh "$db/nowalks.db" "$db/big.db"
  op mem_import_big "import walks ($(du -m "$db/big.csv" | cut -f1) MB CSV, $big_rows rows)" "rss<=64"
  rss mem_import_big.mq "$bin" --db "$db/big.db" import walks "$db/big.csv"
  rm -f "$db/big.csv" "$db"/big.db*
fi

# --- PostgreSQL: the same data on a throw-away local cluster (Benchmarks/postgres.sh) --------
# shellcheck source=Benchmarks/postgres.sh
source "$here/postgres.sh"
pg_rows

# --- report --------------------------------------------------------------------------------
echo
set_name=$scale
[[ -n $walks_set ]] && set_name="issue 16's set: $walks_set walks, $MEMBERS members, $TEAMS teams"
python3 "$here/report.py" "$res" --scale "$set_name" | tee "$work/results.md"
echo
echo "(table also in $work/results.md; raw hyperfine JSON in $res)"
if [[ -n ${BENCH_CHECK:-} ]]; then
  python3 "$here/report.py" "$res" --check "$BENCH_CHECK"
fi
