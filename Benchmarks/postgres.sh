# shellcheck shell=bash
# The PostgreSQL rows of Benchmarks/run.sh (sourced by it: uses its $bin, $data, $work, $res,
# $runs, $warmup, $slow_runs and its functions op, hf, hf_pair, rss, q, want, teams_board,
# member_board). The same data set on a throw-away local cluster that this script starts:
# `initdb` and `pg_ctl` (as the tests' ThrowawayCluster does) into a temporary directory,
# listening only on a Unix socket there, as the user nobody (setpriv) when run as root, and
# stopped and removed when the run ends. Skipped, with a line saying so, when PostgreSQL's
# server programs or psql are not installed, or with BENCH_PG=0.
#
# The baselines are psql (-X: no ~/.psqlrc) running hand-written SQL on a database loaded the
# same way, as the superuser (an organiser for milequest). The concurrent writers are member
# logins, one per writer (pg_writers.py).

# PostgresStore.writersLock: the advisory lock milequest's writers take (the psql baseline of
# the concurrent writers takes it too).
pg_writers_lock=$((0x6d696c65717374))

pg_rows() {
  local pg_bin=${MILEQUEST_PG_BIN:-}
  if [[ -z $pg_bin ]]; then
    pg_bin=$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)
  fi
  if [[ ${BENCH_PG:-1} == 0 ]]; then
    echo "== PostgreSQL rows skipped (BENCH_PG=0)"
    return 0
  fi
  if [[ -z $pg_bin || ! -x $pg_bin/initdb ]] || ! command -v psql >/dev/null; then
    echo "== PostgreSQL rows skipped: no PostgreSQL server programs or psql" \
      "(apt-get install postgresql; or MILEQUEST_PG_BIN=DIR)"
    return 0
  fi
  local name any=
  for name in pg_import_walks pg_board_teams_all pg_board_teams_week pg_board_team_week \
    pg_board_team_all pg_board_goal pg_progress pg_log pg_writers pg_writers_session; do
    want "$name" && any=1
  done
  [[ -n $any ]] || return 0

  # --- a throw-away cluster ------------------------------------------------------------------
  pg_dir=$(mktemp -d /tmp/milequest-bench-pg.XXXXXX)
  local as=()
  if [[ $(id -u) == 0 ]]; then
    chown 65534:65534 "$pg_dir"
    as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  fi
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  pg_ctl_cmd=("${as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data")
  trap 'pg_stop' EXIT
  echo "== PostgreSQL: a throw-away cluster ($("$pg_bin/postgres" --version)) in $pg_dir"
  (cd "$pg_dir" && "${as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 \
    --locale=C --no-instructions >"$pg_dir/initdb.log" 2>&1) ||
    { cat "$pg_dir/initdb.log" >&2; exit 1; }
  # Defaults (fsync on, shared_buffers 128 MB) but for where it listens.
  (cd "$pg_dir" && "${pg_ctl_cmd[@]}" -l "$pg_dir/log" -w -s \
    -o "-k $pg_dir -p $port -c listen_addresses='' -c max_connections=60" start) ||
    { cat "$pg_dir/log" >&2; exit 1; }
  pg_url() { echo "postgresql:///$1?host=$pg_dir&port=$port&user=${2:-postgres}"; }
  pg_sql() { PGOPTIONS='-c client_min_messages=warning' psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url "$1")" "${@:2}"; }
  pg_copy() { # pg_copy SRC DEST: DEST a new database, a copy of SRC (a file copy, fast)
    pg_sql postgres -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2 TEMPLATE $1"
  }

  # --- load: as for SQLite, through milequest: import all (no walks), then import walks ---------
  echo "== PostgreSQL loading: milequest init, import all setup.json"
  pg_sql postgres -c "CREATE DATABASE nowalks"
  "$bin" --db "$(pg_url nowalks)" init >/dev/null
  rss pg_load_all.mq "$bin" --db "$(pg_url nowalks)" --yes import all "$data/setup.json"
  echo "== PostgreSQL loading: milequest import walks walks.csv ($WALKS rows; the import's RSS run)"
  pg_copy nowalks loaded
  local start
  start=$(date +%s.%N)
  rss pg_import_walks.mq "$bin" --db "$(pg_url loaded)" import walks "$data/walks.csv"
  echo "   took $(python3 -c "print(round($(date +%s.%N) - $start, 2))") s," \
    "peak RSS $(($(cat "$res/pg_import_walks.mq.rss") / 1024)) MiB"
  local count
  count=$(pg_sql loaded -A -t -c 'SELECT count(*) FROM walk')
  [[ $count == "$WALKS" ]] || { echo "run.sh: PostgreSQL holds $count walks, not $WALKS" >&2; exit 1; }
  pg_sql loaded -c 'VACUUM ANALYZE' >/dev/null

  # --- import walks: milequest vs psql \copy into a staging table + INSERT … SELECT ------------
  cat >"$work/sql/pg_import.sql" <<EOF
BEGIN;
CREATE TEMP TABLE staging(member text, date text, distance_m text, duration_s text, steps text);
\\copy staging FROM '$data/walks.csv' WITH (FORMAT csv, HEADER true)
INSERT INTO walk(id, memberId, date, distanceMetres, durationSeconds, steps, source, externalId)
SELECT (SELECT coalesce(max(id), 0) FROM walk) + row_number() OVER (), m.id, s.date::date,
  s.distance_m::float8, nullif(s.duration_s, '')::float8, nullif(s.steps, '')::bigint, 'import',
  'fp:' || m.handle || '|' || s.date || '|' || s.distance_m || '|' || coalesce(nullif(s.duration_s, ''), '-1')
FROM staging s JOIN member m ON m.handle = lower(s.member)
WHERE s.date::date <= DATE '$MILEQUEST_TODAY'
  AND s.distance_m::float8 > 0 AND s.distance_m::float8 <= 1609344
ON CONFLICT DO NOTHING;
COMMIT;
EOF
  if want pg_import_walks; then
    echo "== PostgreSQL import walks ($WALKS rows into a fresh copy, $slow_runs runs each)"
    op pg_import_walks "PostgreSQL: import walks ($WALKS CSV rows)" "ratio<=2"
    local prep_imp
    prep_imp=$(q env PGOPTIONS='-c client_min_messages=warning' psql -X -q \
      -d "$(pg_url postgres)" -c "DROP DATABASE IF EXISTS imp" \
      -c "CREATE DATABASE imp TEMPLATE nowalks")
    hf pg_import_walks.mq "$slow_runs" 0 "$prep_imp" \
      "$(q "$bin" --db "$(pg_url imp)" import walks "$data/walks.csv")"
    hf pg_import_walks.base "$slow_runs" 0 "$prep_imp" \
      "$(q psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url imp)" -f "$work/sql/pg_import.sql")"
    pg_sql postgres -c "DROP DATABASE IF EXISTS imp"
  fi

  # --- reads: the SQLite rows' SQL in PostgreSQL's words ---------------------------------------
  pg_dialect() { # SQLite's total() is sum() that never is NULL; booleans; no year 0
    sed -e 's/total(\([^)]*\))/coalesce(sum(\1), 0)/g' -e 's/\([a-z]*\.\)\{0,1\}isDeleted = 0/NOT \1isDeleted/g' \
      -e 's/0000-01-01/0001-01-01/g' "$1"
  }
  local file
  for file in teams_all teams_week team_all team_week goal progress; do
    pg_dialect "$work/sql/$file.sql" >"$work/sql/pg_$file.sql"
  done
  pg_read_pair() { # pg_read_pair NAME LABEL TARGET SQL-FILE MILEQUEST-ARGS...
    local name=$1 label=$2 target=$3 sql=$4
    shift 4
    want "$name" || return 0
    echo "== PostgreSQL $label"
    op "$name" "PostgreSQL: $label" "$target"
    hf_pair "$name" "$runs" "$warmup" "$(q "$bin" --db "$(pg_url loaded)" "$@")" \
      "$(q psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$(pg_url loaded)" -f "$work/sql/$sql")"
    rss "$name.mq" "$bin" --db "$(pg_url loaded)" "$@"
    rss "$name.base" psql -X -q -A -t -v ON_ERROR_STOP=1 -d "$(pg_url loaded)" -f "$work/sql/$sql"
  }
  pg_read_pair pg_board_teams_all "leaderboard --teams (all time)" "wall<=0.05" pg_teams_all.sql \
    leaderboard --teams
  pg_read_pair pg_board_teams_week "leaderboard --teams --period week" - pg_teams_week.sql \
    leaderboard --teams --period week
  pg_read_pair pg_board_team_week "leaderboard --team team-000 --period week" "ratio<=2" \
    pg_team_week.sql leaderboard --team team-000 --period week
  pg_read_pair pg_board_team_all "leaderboard --team team-000 (all time)" - pg_team_all.sql \
    leaderboard --team team-000
  pg_read_pair pg_board_goal "leaderboard --goal race-0 (10 teams)" - pg_goal.sql \
    leaderboard --goal race-0
  pg_read_pair pg_progress "progress quest-000" - pg_progress.sql progress quest-000

  # --- log one walk vs one psql INSERT ----------------------------------------------------------
  if want pg_log; then
    echo "== PostgreSQL log one walk"
    op pg_log "PostgreSQL: log one walk" "ratio<=2"
    pg_copy loaded log_mq
    pg_copy loaded log_sql
    local insert="INSERT INTO walk(id, memberId, date, distanceMetres, source) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM walk), (SELECT id FROM member WHERE handle = 'm00001'), '2026-12-30', 5000.0, 'manual')"
    hf_pair pg_log "$runs" "$warmup" \
      "$(q "$bin" --db "$(pg_url log_mq)" log 5km --member m00001 --date 2026-12-30)" \
      "$(q psql -X -q -v ON_ERROR_STOP=1 -d "$(pg_url log_sql)" -c "$insert")"
    rss pg_log.mq "$bin" --db "$(pg_url log_mq)" log 5km --member m00001 --date 2026-12-30
    rss pg_log.base psql -X -q -d "$(pg_url log_sql)" -c "$insert"
    pg_sql postgres -c "DROP DATABASE log_mq" -c "DROP DATABASE log_sql"
  fi

  # --- 16 concurrent writers, each its own member login ------------------------------------------
  if want pg_writers || want pg_writers_session; then
    local writers=${BENCH_PG_WRITERS:-16} logs=${BENCH_PG_LOGS:-}
    [[ -n $logs ]] || logs=$(python3 -c "print(max(10, min(200, round(2000 * $scale))))")
    echo "== PostgreSQL $writers concurrent writers x $logs logs, each its own member login"
    pg_copy loaded writers
    local handles
    handles=$(python3 -c "print(','.join(\"'m%05d'\" % i for i in range(1, $writers + 1)))")
    local login
    for login in $(python3 -c "print(' '.join('m%05d' % i for i in range(1, $writers + 1)))"); do
      pg_sql postgres -c "DO \$\$ BEGIN CREATE ROLE $login LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$"
      pg_sql writers -c "SELECT mq_grant_member('$login')" >/dev/null
    done
    pg_sql writers -c "INSERT INTO memberLogin(memberId, login) SELECT id, handle FROM member WHERE handle IN ($handles)"
    # Two ways to be a writer: a process per `log` (a script calling milequest), and one
    # process per writer that logs over its own connection (`milequest shell` fed the lines;
    # psql fed the INSERTs), as a client that stays connected does (pg_writers.py --session).
    local before after side mode name lock=() session=()
    for mode in process session; do
      name=pg_writers
      session=()
      if [[ $mode == process ]]; then
        want "$name" || continue
        op "$name" "PostgreSQL: $writers writers x $logs logs at once (no loss)" "p99<=0.1"
      else
        name=pg_writers_session
        session=(--session)
        want "$name" || continue
        op "$name" "PostgreSQL: $writers writers x $logs logs, a session each (no loss)" "p99<=0.1"
      fi
      for side in mq base; do
        lock=()
        [[ $side == base ]] && lock=(--psql "$pg_writers_lock")
        before=$(pg_sql writers -A -t -c 'SELECT count(*) FROM walk')
        python3 "$here/pg_writers.py" "$bin" "$(pg_url writers '{login}')" \
          "$res/$name.$side.json" --writers "$writers" --logs "$logs" "${lock[@]}" "${session[@]}"
        after=$(pg_sql writers -A -t -c 'SELECT count(*) FROM walk')
        if ((after - before != writers * logs)); then
          echo "run.sh: $writers writers x $logs ($side, $mode) added $((after - before)) walks" >&2
          exit 1
        fi
        echo "   $((after - before)) walks added, none lost"
      done
    done
    "$bin" --db "$(pg_url writers)" check >/dev/null || { echo "run.sh: check failed" >&2; exit 1; }
    pg_sql postgres -c "DROP DATABASE writers"
  fi
}

pg_stop() { # stops the throw-away cluster and removes it (BENCH_PG_KEEP=1: leaves it running)
  if [[ ${BENCH_PG_KEEP:-0} == 1 && -n ${pg_dir:-} ]]; then
    echo "== PostgreSQL cluster kept (BENCH_PG_KEEP=1): socket in $pg_dir, database loaded" >&2
    echo "   stop it with: ${pg_ctl_cmd[*]} stop; rm -rf $pg_dir" >&2
    return
  fi
  if [[ -n ${pg_dir:-} && -d $pg_dir ]]; then
    (cd "$pg_dir" && "${pg_ctl_cmd[@]}" -m immediate -s stop >/dev/null 2>&1) || true
    rm -rf "$pg_dir"
  fi
}
