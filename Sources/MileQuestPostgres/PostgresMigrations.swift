/// The schema on PostgreSQL: the same tables, columns and migration names as the SQLite
/// store's (`Migrations`), so `check` reports the same schema version on both back ends.
///
/// Differences, each for a reason:
/// - Types are PostgreSQL's own (`bigint`, `double precision`, `date`, `boolean`) with CHECKs
///   on the enumerations, so a row written with `psql` cannot hold a value milequest cannot
///   read back (SQLite accepts anything; there `check` lists such rows).
/// - Foreign keys are DEFERRABLE, so `undo` can put rows back in any order.
/// - Undo recording and running totals are permanent triggers (PL/pgSQL runs for every
///   client): undo records a change only inside a milequest change (the transaction-local
///   setting `milequest.change`), so edits made with `psql` are not undone by `undo`, as on
///   SQLite; running totals stay exact whoever writes, `psql` included.
/// - Running totals keep `ExactSum`'s partials as `double precision[]` (the same Shewchuk
///   algorithm in PL/pgSQL: IEEE doubles on both sides, so the partials are identical).
/// - Ids are assigned as SQLite assigns rowids (the largest plus one) by `PostgresSession`
///   under the writers' lock, so both back ends give the same ids to the same history.
///
/// Numbering: a migration both back ends have is named as SQLite's (`vN-…`). A change only
/// PostgreSQL needs (its access rules) is a PostgreSQL-only migration numbered as a step of
/// the shared migration it follows (`vN.M-pg-…`: `v4.1-pg-…` after `v4-goal-endings`), so it
/// never takes a number SQLite will use, and the next shared migration (`v5-…`) comes after
/// it on both. `check` reports the newest shared migration (`schemaVersion`), so both back
/// ends report the same schema version for the same milequest.
enum PostgresMigrations {
  /// The table of applied migrations (GRDB's `grdb_migrations` on SQLite).
  static let table = "milequest_migrations"

  static let all: [(String, String)] = [
    ("v1-initial", v1), ("v2-membership-totals", v2), ("v3-log-without-reports", v3),
    ("v4-goal-endings", v4 + access), ("v4.1-pg-goal-team-captains", goalTeamCaptains),
    ("v4.2-pg-team-totals", teamTotals), ("v4.3-pg-team-counts", teamCounts),
    ("v5-activities", v5),
    ("v6-walk-days", walkDays), ("v7-walk-months", walkMonths),
    ("v8-team-totals", teamTotalsOfSQLite),
    ("v9-goal-team-by-team", goalTeamByTeam),
  ]

  /// The goals of some teams (`log`), found through an index on the team rather than a
  /// scan of every goal's teams, as on SQLite.
  static let goalTeamByTeam = "CREATE INDEX goalteam_team ON goalTeam(teamId)"

  /// SQLite's per-member per-day totals (`walkDay`, issue 16). PostgreSQL keeps none yet:
  /// its boards over a period add up the walks (`StoreSpeedUps.forEachDayTotal`'s default).
  /// The migration keeps the two back ends' schema versions in step; a later one may add
  /// the table and its triggers.
  static let walkDays = "SELECT 1"

  /// SQLite's per-member per-month totals (`walkMonth`, issue 16). PostgreSQL keeps none,
  /// like `walkDay`: the same no-op, so that both back ends' schema versions stay in step.
  static let walkMonths = "SELECT 1"

  /// SQLite's per-team totals (`teamTotal`, issue 16), which PostgreSQL has kept since
  /// `v4.2-pg-team-totals` and `v4.3-pg-team-counts`: a no-op that keeps both back ends'
  /// schema versions in step.
  static let teamTotalsOfSQLite = "SELECT 1"

  /// Whether `name` is a PostgreSQL-only migration (`vN.M-pg-…`).
  static func isPostgresOnly(_ name: String) -> Bool {
    name.split(separator: "-").first?.contains(".") ?? false
  }

  /// The schema version `check` reports: the newest applied migration SQLite has too.
  static func schemaVersion(_ applied: [String]) -> String {
    applied.last { !isPostgresOnly($0) } ?? "none"
  }

  static let v1 = """
    CREATE TABLE member (
      id bigint PRIMARY KEY,
      handle text NOT NULL UNIQUE,
      name text NOT NULL,
      email text,
      strideMetres double precision NOT NULL,
      archivedOn date
    );
    CREATE TABLE team (
      id bigint PRIMARY KEY,
      name text NOT NULL,
      nameKey text NOT NULL UNIQUE,
      description text,
      maxMembers bigint NOT NULL
    );
    CREATE TABLE membership (
      id bigint PRIMARY KEY,
      teamId bigint NOT NULL REFERENCES team(id) DEFERRABLE,
      memberId bigint NOT NULL REFERENCES member(id) DEFERRABLE,
      role text NOT NULL CHECK (role IN ('captain', 'member')),
      joined date NOT NULL,
      "left" date
    );
    CREATE INDEX membership_team ON membership(teamId);
    CREATE INDEX membership_member ON membership(memberId);
    CREATE TABLE route (
      id bigint PRIMARY KEY,
      name text NOT NULL,
      nameKey text NOT NULL UNIQUE
    );
    CREATE TABLE routePoint (
      routeId bigint NOT NULL REFERENCES route(id) ON DELETE CASCADE DEFERRABLE,
      position bigint NOT NULL,
      latitude double precision NOT NULL CHECK (latitude BETWEEN -90 AND 90),
      longitude double precision NOT NULL CHECK (longitude BETWEEN -180 AND 180),
      label text,
      PRIMARY KEY (routeId, position)
    );
    CREATE TABLE goal (
      id bigint PRIMARY KEY,
      name text NOT NULL,
      nameKey text NOT NULL UNIQUE,
      routeId bigint REFERENCES route(id) DEFERRABLE,
      targetMetres double precision NOT NULL,
      mode text NOT NULL CHECK (mode IN ('race', 'together')),
      start date NOT NULL,
      "end" date,
      dailyCapMetres double precision,
      state text NOT NULL CHECK (state IN ('active', 'cancelled'))
    );
    CREATE TABLE goalTeam (
      goalId bigint NOT NULL REFERENCES goal(id) ON DELETE CASCADE DEFERRABLE,
      teamId bigint NOT NULL REFERENCES team(id) DEFERRABLE,
      position bigint NOT NULL,
      PRIMARY KEY (goalId, teamId)
    );
    CREATE TABLE walk (
      id bigint PRIMARY KEY,
      memberId bigint NOT NULL REFERENCES member(id) DEFERRABLE,
      date date NOT NULL,
      distanceMetres double precision NOT NULL,
      durationSeconds double precision,
      steps bigint,
      note text,
      source text NOT NULL CHECK (source IN ('manual', 'gpx', 'import')),
      externalId text,
      isDeleted boolean NOT NULL DEFAULT false
    );
    CREATE INDEX walk_member_date ON walk(memberId, date);
    CREATE INDEX walk_date ON walk(date);
    CREATE UNIQUE INDEX walk_external ON walk(source, externalId)
      WHERE externalId IS NOT NULL;
    CREATE TABLE change (
      id bigint PRIMARY KEY,
      description text NOT NULL,
      madeAt text NOT NULL,
      madeBy text NOT NULL DEFAULT session_user
    );
    CREATE TABLE undoLog (
      seq bigserial PRIMARY KEY,
      changeId bigint NOT NULL REFERENCES change(id) ON DELETE CASCADE,
      tableName text NOT NULL,
      operation text NOT NULL,
      oldRow jsonb,
      newRow jsonb
    );
    CREATE INDEX undoLog_change ON undoLog(changeId);

    -- Records the inverse of each row change made inside a milequest change.
    CREATE FUNCTION mq_undo_record() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      change_id bigint := nullif(current_setting('milequest.change', true), '')::bigint;
    BEGIN
      IF change_id IS NULL THEN RETURN NULL; END IF;
      INSERT INTO undoLog(changeId, tableName, operation, oldRow, newRow)
      VALUES (change_id, TG_TABLE_NAME, TG_OP,
        CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
        CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
      RETURN NULL;
    END $$;

    -- Reverts one change: its recorded row changes, newest first.
    CREATE FUNCTION mq_undo(change_id bigint) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE
      entry record;
      columns text;
      keys text;
    BEGIN
      PERFORM set_config('milequest.change', '', true);
      SET CONSTRAINTS ALL DEFERRED;
      FOR entry IN SELECT * FROM undoLog WHERE changeId = change_id ORDER BY seq DESC LOOP
        SELECT string_agg(quote_ident(a.attname), ',' ORDER BY a.attnum) INTO columns
          FROM pg_attribute a
          WHERE a.attrelid = entry.tableName::regclass AND a.attnum > 0 AND NOT a.attisdropped;
        SELECT string_agg(quote_ident(a.attname), ',' ORDER BY a.attnum) INTO keys
          FROM pg_index i JOIN pg_attribute a
            ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
          WHERE i.indrelid = entry.tableName::regclass AND i.indisprimary;
        IF entry.operation = 'INSERT' THEN
          EXECUTE format('DELETE FROM %I WHERE (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1))',
            entry.tableName, keys, keys, entry.tableName) USING entry.newRow;
        ELSIF entry.operation = 'UPDATE' THEN
          EXECUTE format('UPDATE %I SET (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $1)) '
            || 'WHERE (%s) = (SELECT %s FROM jsonb_populate_record(NULL::%I, $2))',
            entry.tableName, columns, columns, entry.tableName, keys, keys, entry.tableName)
            USING entry.oldRow, entry.newRow;
        ELSE
          EXECUTE format('INSERT INTO %I SELECT * FROM jsonb_populate_record(NULL::%I, $1)',
            entry.tableName, entry.tableName) USING entry.oldRow;
        END IF;
      END LOOP;
      DELETE FROM change WHERE id = change_id;
      SET CONSTRAINTS ALL IMMEDIATE;
    END $$;

    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON member
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON team
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON membership
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON route
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON routePoint
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON goal
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON goalTeam
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON walk
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    """

  static let v2 = """
    -- ExactSum.add in PL/pgSQL (Shewchuk's msum): the partials after adding x.
    CREATE FUNCTION mq_fsum_add(partials double precision[], x double precision)
    RETURNS double precision[] LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      kept double precision[] := '{}';
      y double precision;
      t double precision;
      high double precision;
      low double precision;
    BEGIN
      IF x IS NULL THEN RETURN coalesce(partials, '{}'); END IF;
      FOREACH y IN ARRAY coalesce(partials, '{}') LOOP
        IF abs(x) < abs(y) THEN t := x; x := y; y := t; END IF;
        high := x + y;
        low := y - (high - x);
        IF low <> 0 THEN kept := kept || low; END IF;
        x := high;
      END LOOP;
      RETURN kept || x;
    END $$;
    CREATE AGGREGATE mq_fsum(double precision) (
      SFUNC = mq_fsum_add, STYPE = double precision[], INITCOND = '{}');

    CREATE TABLE membershipTotal (
      membershipId bigint PRIMARY KEY,
      partials double precision[] NOT NULL,
      walks bigint NOT NULL
    );
    INSERT INTO membershipTotal(membershipId, partials, walks)
    SELECT m.id,
      (SELECT mq_fsum(w.distanceMetres) FROM walk w WHERE w.memberId = m.memberId
        AND NOT w.isDeleted AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left")),
      (SELECT count(*) FROM walk w WHERE w.memberId = m.memberId
        AND NOT w.isDeleted AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left"))
    FROM membership m;

    CREATE FUNCTION mq_total_walk() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' AND NOT OLD.isDeleted THEN
        UPDATE membershipTotal SET partials = mq_fsum_add(partials, -OLD.distanceMetres),
          walks = walks - 1
        WHERE membershipId IN (SELECT id FROM membership WHERE memberId = OLD.memberId
          AND joined <= OLD.date AND ("left" IS NULL OR OLD.date < "left"));
      END IF;
      IF TG_OP <> 'DELETE' AND NOT NEW.isDeleted THEN
        UPDATE membershipTotal SET partials = mq_fsum_add(partials, NEW.distanceMetres),
          walks = walks + 1
        WHERE membershipId IN (SELECT id FROM membership WHERE memberId = NEW.memberId
          AND joined <= NEW.date AND ("left" IS NULL OR NEW.date < "left"));
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_total_walk
      AFTER INSERT OR DELETE OR UPDATE OF memberId, date, distanceMetres, isDeleted ON walk
      FOR EACH ROW EXECUTE FUNCTION mq_total_walk();

    CREATE FUNCTION mq_total_membership() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        DELETE FROM membershipTotal WHERE membershipId = OLD.id;
        RETURN NULL;
      END IF;
      INSERT INTO membershipTotal(membershipId, partials, walks)
      SELECT NEW.id, coalesce(mq_fsum(w.distanceMetres), '{}'), count(*) FROM walk w
        WHERE w.memberId = NEW.memberId AND NOT w.isDeleted AND w.date >= NEW.joined
          AND (NEW."left" IS NULL OR w.date < NEW."left")
      ON CONFLICT (membershipId) DO UPDATE
        SET partials = EXCLUDED.partials, walks = EXCLUDED.walks;
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_total_membership
      AFTER INSERT OR DELETE OR UPDATE OF memberId, joined, "left" ON membership
      FOR EACH ROW EXECUTE FUNCTION mq_total_membership();
    """

  static let v3 = """
    CREATE INDEX walk_member_date_amount ON walk(memberId, date, isDeleted, distanceMetres);
    DROP INDEX walk_member_date;
    CREATE TABLE routeMilestone (
      routeId bigint NOT NULL REFERENCES route(id) ON DELETE CASCADE DEFERRABLE,
      pointIndex bigint NOT NULL,
      name text NOT NULL,
      atMetres double precision NOT NULL,
      PRIMARY KEY (routeId, pointIndex)
    );
    """

  static let v4 = """
    ALTER TABLE goal ADD COLUMN graceDays bigint NOT NULL DEFAULT 0;
    CREATE TABLE goalFinal (
      goalId bigint PRIMARY KEY REFERENCES goal(id) ON DELETE CASCADE DEFERRABLE,
      status text NOT NULL,
      closedOn date NOT NULL
    );
    CREATE TABLE goalFinalMembership (
      goalId bigint NOT NULL REFERENCES goalFinal(goalId) ON DELETE CASCADE DEFERRABLE,
      membershipId bigint NOT NULL,
      teamId bigint NOT NULL,
      memberId bigint NOT NULL,
      role text NOT NULL,
      joined date NOT NULL,
      "left" date,
      seq bigserial,
      PRIMARY KEY (goalId, membershipId)
    );
    CREATE TABLE goalFinalWalk (
      goalId bigint NOT NULL REFERENCES goalFinal(goalId) ON DELETE CASCADE DEFERRABLE,
      walkId bigint NOT NULL,
      memberId bigint NOT NULL,
      date date NOT NULL,
      distanceMetres double precision NOT NULL,
      seq bigserial,
      PRIMARY KEY (goalId, walkId)
    );
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON goalFinal
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON goalFinalMembership
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    CREATE TRIGGER mq_undo AFTER INSERT OR UPDATE OR DELETE ON goalFinalWalk
      FOR EACH ROW EXECUTE FUNCTION mq_undo_record();
    """

  /// Issue 17, as SQLite's `v5-activities`: every walk's activity (the walks so far were
  /// walks; a CHECK on the names), the partial index of walks that are not `walk` (`log`'s
  /// `hasWalks(memberIds:ofAny:)`), each goal's activities and conversions
  /// (`ActivityCounting`'s stored form; the goals so far count the default ones), and the
  /// activity of a final results' copy of a walk.
  ///
  /// Row-level security needs no change (the policies are per row; `mq_grant_member` grants
  /// whole tables), nor do the running totals' triggers (they sum every activity, like the
  /// boards; an update of the activity alone moves no total). Undo puts rows back from their
  /// recorded `jsonb` (`mq_undo`): an entry recorded before this migration has no activity,
  /// which would put back a NULL, so those entries get the value the migration gave.
  static let v5 = """
    ALTER TABLE walk ADD COLUMN activity text NOT NULL DEFAULT 'walk'
      CHECK (activity IN ('walk', 'run', 'hike', 'wheelchair', 'cycle', 'swim', 'other'));
    CREATE INDEX walk_other_activity ON walk(memberId, activity) WHERE activity <> 'walk';
    ALTER TABLE goal ADD COLUMN activities text NOT NULL DEFAULT 'walk,run,hike,wheelchair',
      ADD COLUMN conversions text NOT NULL DEFAULT '';
    ALTER TABLE goalFinalWalk ADD COLUMN activity text NOT NULL DEFAULT 'walk'
      CHECK (activity IN ('walk', 'run', 'hike', 'wheelchair', 'cycle', 'swim', 'other'));
    UPDATE undoLog SET
      oldRow = CASE WHEN oldRow IS NULL THEN NULL ELSE '{"activity": "walk"}'::jsonb || oldRow END,
      newRow = CASE WHEN newRow IS NULL THEN NULL ELSE '{"activity": "walk"}'::jsonb || newRow END
    WHERE tableName IN ('walk', 'goalfinalwalk');
    UPDATE undoLog SET
      oldRow = CASE WHEN oldRow IS NULL THEN NULL
        ELSE '{"activities": "walk,run,hike,wheelchair", "conversions": ""}'::jsonb || oldRow END,
      newRow = CASE WHEN newRow IS NULL THEN NULL
        ELSE '{"activities": "walk,run,hike,wheelchair", "conversions": ""}'::jsonb || newRow END
    WHERE tableName = 'goal';
    """

  /// Who may do what, enforced by the server for every client, `psql` included (row-level
  /// security; the trigger functions that keep derived rows run as the schema's owner).
  ///
  /// - An organiser is a login that is (or is a member of) the database's owner, or a
  ///   superuser: it may do everything, `--as` included. Table owners bypass row-level
  ///   security, so the login that ran `init` is one.
  /// - A member login is linked to one member (`memberLogin`, made by `member add --login`);
  ///   it reads everything and writes only: its own walks and member row; teams it creates;
  ///   memberships, teams and goals of teams it captains (and its own membership, but never
  ///   to make itself captain); routes it creates; its own changes (undo).
  /// - Derived rows (running totals, the undo log, saved milestones, final results) are
  ///   written by milequest's trigger functions or by whichever command closes a goal.
  /// Goals' teams: see `goalTeamCaptains`.
  static let access = """
    CREATE TABLE memberLogin (
      memberId bigint PRIMARY KEY REFERENCES member(id) ON DELETE CASCADE DEFERRABLE,
      login text NOT NULL UNIQUE
    );

    CREATE FUNCTION mq_is_organiser() RETURNS boolean LANGUAGE sql STABLE AS $$
      SELECT coalesce((SELECT pg_has_role(session_user, d.datdba, 'MEMBER') FROM pg_database d
        WHERE d.datname = current_database()), false)
    $$;
    CREATE FUNCTION mq_current_member() RETURNS bigint LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = public AS $$
      SELECT memberId FROM memberLogin WHERE login = session_user
    $$;
    CREATE FUNCTION mq_is_captain(team bigint) RETURNS boolean LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM membership WHERE teamId = team
        AND memberId = mq_current_member() AND role = 'captain'
        AND ("left" IS NULL OR "left" > current_date))
    $$;
    CREATE FUNCTION mq_team_is_new(team bigint) RETURNS boolean LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public AS $$
      SELECT NOT EXISTS (SELECT 1 FROM membership WHERE teamId = team)
    $$;
    CREATE FUNCTION mq_captains_goal(goal bigint) RETURNS boolean LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM goalTeam WHERE goalId = goal AND mq_is_captain(teamId))
    $$;

    -- Derived rows are kept by the owner's functions, whoever writes.
    ALTER FUNCTION mq_undo_record() SECURITY DEFINER;
    ALTER FUNCTION mq_undo_record() SET search_path = public;
    ALTER FUNCTION mq_total_walk() SECURITY DEFINER;
    ALTER FUNCTION mq_total_walk() SET search_path = public;
    ALTER FUNCTION mq_total_membership() SECURITY DEFINER;
    ALTER FUNCTION mq_total_membership() SET search_path = public;

    -- Undo reverts a change of one's own (an organiser's: any), as the owner: the change
    -- may have removed the very rows that allowed it (a team's first captain).
    CREATE FUNCTION mq_undo_own(change_id bigint) RETURNS void LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      IF NOT mq_is_organiser()
        AND (SELECT madeBy FROM change WHERE id = change_id) IS DISTINCT FROM session_user THEN
        RAISE EXCEPTION 'only the login that made a change may undo it'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      PERFORM mq_undo(change_id);
    END $$;

    -- Makes `login` a member login of this database: the grants row-level security needs.
    CREATE FUNCTION mq_grant_member(login text) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), login);
      EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', login);
      EXECUTE format('GRANT SELECT ON ALL TABLES IN SCHEMA public TO %I', login);
      EXECUTE format('GRANT INSERT, UPDATE, DELETE ON member, team, membership, route, '
        || 'routePoint, routeMilestone, goal, goalTeam, walk, goalFinal, goalFinalMembership, '
        || 'goalFinalWalk, change TO %I', login);
      EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', login);
    END $$;

    ALTER TABLE walk ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON walk FOR SELECT USING (true);
    CREATE POLICY mq_write ON walk FOR ALL
      USING (mq_is_organiser() OR memberId = mq_current_member())
      WITH CHECK (mq_is_organiser() OR memberId = mq_current_member());

    ALTER TABLE member ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON member FOR SELECT USING (true);
    CREATE POLICY mq_write ON member FOR ALL
      USING (mq_is_organiser() OR id = mq_current_member())
      WITH CHECK (mq_is_organiser() OR id = mq_current_member());

    ALTER TABLE team ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON team FOR SELECT USING (true);
    CREATE POLICY mq_create ON team FOR INSERT WITH CHECK (mq_current_member() IS NOT NULL);
    CREATE POLICY mq_update ON team FOR UPDATE USING (mq_is_organiser() OR mq_is_captain(id));
    CREATE POLICY mq_delete ON team FOR DELETE USING (mq_is_organiser() OR mq_is_captain(id));

    ALTER TABLE membership ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON membership FOR SELECT USING (true);
    CREATE POLICY mq_create ON membership FOR INSERT WITH CHECK (
      mq_is_organiser() OR mq_is_captain(teamId)
      OR (mq_team_is_new(teamId) AND memberId = mq_current_member()));
    CREATE POLICY mq_update ON membership FOR UPDATE
      USING (mq_is_organiser() OR mq_is_captain(teamId) OR memberId = mq_current_member())
      WITH CHECK (mq_is_organiser() OR mq_is_captain(teamId)
        OR (memberId = mq_current_member() AND role = 'member'));
    CREATE POLICY mq_delete ON membership FOR DELETE
      USING (mq_is_organiser() OR mq_is_captain(teamId));

    ALTER TABLE goal ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON goal FOR SELECT USING (true);
    CREATE POLICY mq_create ON goal FOR INSERT WITH CHECK (mq_current_member() IS NOT NULL);
    CREATE POLICY mq_update ON goal FOR UPDATE USING (mq_is_organiser() OR mq_captains_goal(id));
    CREATE POLICY mq_delete ON goal FOR DELETE USING (mq_is_organiser() OR mq_captains_goal(id));

    ALTER TABLE goalTeam ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON goalTeam FOR SELECT USING (true);
    CREATE POLICY mq_create ON goalTeam FOR INSERT WITH CHECK (mq_current_member() IS NOT NULL);
    CREATE POLICY mq_delete ON goalTeam FOR DELETE
      USING (mq_is_organiser() OR mq_captains_goal(goalId));

    ALTER TABLE route ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON route FOR SELECT USING (true);
    CREATE POLICY mq_create ON route FOR INSERT WITH CHECK (mq_current_member() IS NOT NULL);
    CREATE POLICY mq_change ON route FOR UPDATE USING (mq_is_organiser());
    CREATE POLICY mq_delete ON route FOR DELETE USING (mq_is_organiser());

    ALTER TABLE routePoint ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON routePoint FOR SELECT USING (true);
    CREATE POLICY mq_create ON routePoint FOR INSERT WITH CHECK (mq_current_member() IS NOT NULL);
    CREATE POLICY mq_change ON routePoint FOR UPDATE USING (mq_is_organiser());
    CREATE POLICY mq_delete ON routePoint FOR DELETE USING (mq_is_organiser());

    -- A live board (LISTEN milequest_change) hears of every commit that changes what boards
    -- and progress show, whoever made it.
    CREATE FUNCTION mq_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('milequest_change', '');
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_notify AFTER INSERT OR UPDATE OR DELETE ON walk
      FOR EACH STATEMENT EXECUTE FUNCTION mq_notify();
    CREATE TRIGGER mq_notify AFTER INSERT OR UPDATE OR DELETE ON membership
      FOR EACH STATEMENT EXECUTE FUNCTION mq_notify();
    CREATE TRIGGER mq_notify AFTER INSERT OR UPDATE OR DELETE ON goal
      FOR EACH STATEMENT EXECUTE FUNCTION mq_notify();
    CREATE TRIGGER mq_notify AFTER INSERT OR UPDATE OR DELETE ON team
      FOR EACH STATEMENT EXECUTE FUNCTION mq_notify();
    CREATE TRIGGER mq_notify AFTER INSERT OR UPDATE OR DELETE ON member
      FOR EACH STATEMENT EXECUTE FUNCTION mq_notify();

    ALTER TABLE change ENABLE ROW LEVEL SECURITY;
    CREATE POLICY mq_read ON change FOR SELECT USING (true);
    CREATE POLICY mq_own ON change FOR ALL
      USING (mq_is_organiser() OR madeBy = session_user)
      WITH CHECK (mq_is_organiser() OR madeBy = session_user);
    """

  /// A goal's teams, as the CLI has them (`goal create`, `goal edit`): a member who is not an
  /// organiser may attach teams to a goal only when the goal is new (created in the same
  /// transaction) or when it captains one of the goal's teams already; and when the
  /// transaction commits, the member must captain at least one of the goal's teams (a
  /// deferred constraint trigger). So a member using `psql` can no longer attach a goal it
  /// creates only to teams it does not captain, nor attach its team to someone else's goal.
  /// `goalCreation` notes which transaction created each goal (written by the owner's
  /// trigger; members cannot write it).
  static let goalTeamCaptains = """
    CREATE TABLE goalCreation (
      goalId bigint PRIMARY KEY,
      xact xid8 NOT NULL
    );
    CREATE FUNCTION mq_goal_created() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      INSERT INTO goalCreation(goalId, xact) VALUES (NEW.id, pg_current_xact_id())
      ON CONFLICT (goalId) DO UPDATE SET xact = EXCLUDED.xact;
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_goal_created AFTER INSERT ON goal
      FOR EACH ROW EXECUTE FUNCTION mq_goal_created();
    CREATE FUNCTION mq_goal_is_new(goal bigint) RETURNS boolean LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public AS $$
      SELECT EXISTS (SELECT 1 FROM goalCreation WHERE goalId = goal
        AND xact = pg_current_xact_id())
    $$;

    DROP POLICY mq_create ON goalTeam;
    CREATE POLICY mq_create ON goalTeam FOR INSERT WITH CHECK (
      mq_is_organiser() OR mq_captains_goal(goalId) OR mq_goal_is_new(goalId));

    CREATE FUNCTION mq_goal_captained() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      IF mq_is_organiser() OR NOT EXISTS (SELECT 1 FROM goalTeam
        WHERE goalId = NEW.goalId AND teamId = NEW.teamId) THEN
        RETURN NULL;
      END IF;
      IF NOT mq_captains_goal(NEW.goalId) THEN
        RAISE EXCEPTION 'a goal must have a team its creator captains'
          USING ERRCODE = 'insufficient_privilege';
      END IF;
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER mq_goal_captained AFTER INSERT ON goalTeam
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mq_goal_captained();
    """

  /// Running totals per team, and totals kept per statement instead of per row.
  ///
  /// - `teamTotal` holds, for every team, the exact sum (Shewchuk partials, as
  ///   `membershipTotal`) and count of the walks its memberships count: the sum of its
  ///   memberships' running totals, kept by the same trigger functions in the same
  ///   statements, so the all-teams all-time board reads one row per team instead of every
  ///   membership and its total (`PostgresSession.teamTotals`). A team without a row has
  ///   nothing counted; a deleted team's row stays at zero (ids are reused as the largest plus
  ///   one, so a new team with its id starts from it, at zero).
  /// - Walk changes update the totals once per statement (statement-level triggers with
  ///   transition tables, `mq_apply_walks`: one aggregated UPDATE per membership and team
  ///   touched) rather than once per row: a batch of 2,000 imported walks no longer updates a
  ///   membership's total once for each of its walks.
  /// - A bulk insert (`milequest.bulk` = `on` for the transaction, set by
  ///   `PostgresSession.insertWalks`) only notes its walks in `walkPending`; they are added to
  ///   the totals in one pass (`mq_fold_totals`) when the client asks (at the end of the bulk
  ///   insert), before any other statement changes a walk or a membership (a BEFORE statement
  ///   trigger), and at the latest at commit (a deferred constraint trigger on `totalsFold`,
  ///   one row per transaction with pending walks). So a million-walk import updates each
  ///   total once, where it used to update it once per walk in one transaction (a million
  ///   dead row versions: `membershipTotal` grew to 87 MB), and the totals are still exact at
  ///   every commit whoever writes: a client that sets `milequest.bulk` itself only delays
  ///   the totals to its own commit.
  /// - Members read `teamTotal` as they read every table; only the owner's trigger functions
  ///   write it, `walkPending` and `totalsFold`; `mq_apply_walks` is the owner's alone.
  static let teamTotals = """
    -- ExactSum.add(ExactSum): the partials after adding every one of `more`.
    CREATE FUNCTION mq_fsum_merge(partials double precision[], more double precision[])
    RETURNS double precision[] LANGUAGE plpgsql IMMUTABLE AS $$
    DECLARE
      result double precision[] := coalesce(partials, '{}');
      x double precision;
    BEGIN
      FOREACH x IN ARRAY coalesce(more, '{}') LOOP
        result := mq_fsum_add(result, x);
      END LOOP;
      RETURN result;
    END $$;
    CREATE AGGREGATE mq_fsum_merged(double precision[]) (
      SFUNC = mq_fsum_merge, STYPE = double precision[], INITCOND = '{}');

    CREATE TABLE teamTotal (
      teamId bigint PRIMARY KEY,
      partials double precision[] NOT NULL,
      walks bigint NOT NULL
    );
    INSERT INTO teamTotal(teamId, partials, walks)
    SELECT m.teamId, mq_fsum_merged(t.partials), sum(t.walks)
    FROM membership m JOIN membershipTotal t ON t.membershipId = m.id GROUP BY m.teamId;

    CREATE TABLE walkPending (walkId bigint NOT NULL);
    CREATE TABLE totalsFold (xact xid8 PRIMARY KEY);

    -- Adds signed amounts of walks (member, date, ±distance, ±1) to the totals of the
    -- memberships that count them and of their teams: one UPDATE per membership, one per team.
    CREATE FUNCTION mq_apply_walks(member_ids bigint[], dates date[],
      amounts double precision[], signs integer[])
    RETURNS void LANGUAGE sql SECURITY DEFINER SET search_path = public AS $$
      WITH d AS (
        SELECT * FROM unnest(member_ids, dates, amounts, signs) AS d(memberId, date, amount, sign)
      ), per AS MATERIALIZED (
        SELECT m.id, m.teamId, mq_fsum(d.amount) AS partials, sum(d.sign) AS walks
        FROM d JOIN membership m ON m.memberId = d.memberId AND m.joined <= d.date
          AND (m."left" IS NULL OR d.date < m."left")
        GROUP BY m.id, m.teamId
      ), members AS (
        UPDATE membershipTotal t SET partials = mq_fsum_merge(t.partials, per.partials),
          walks = t.walks + per.walks
        FROM per WHERE t.membershipId = per.id
        RETURNING t.membershipId
      )
      INSERT INTO teamTotal(teamId, partials, walks)
      SELECT teamId, mq_fsum_merged(partials), sum(walks) FROM per GROUP BY teamId
      ON CONFLICT (teamId) DO UPDATE
        SET partials = mq_fsum_merge(teamTotal.partials, EXCLUDED.partials),
          walks = teamTotal.walks + EXCLUDED.walks;
    $$;
    REVOKE EXECUTE ON FUNCTION mq_apply_walks(bigint[], date[], double precision[], integer[])
      FROM PUBLIC;

    -- Adds the pending walks of a bulk insert to the totals (nothing pending: nothing to do).
    CREATE FUNCTION mq_fold_totals() RETURNS void LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM walkPending) THEN RETURN; END IF;
      PERFORM mq_apply_walks(array_agg(w.memberId), array_agg(w.date),
        array_agg(w.distanceMetres), array_agg(1))
      FROM walk w WHERE w.id IN (SELECT walkId FROM walkPending) AND NOT w.isDeleted;
      DELETE FROM walkPending;
      DELETE FROM totalsFold WHERE xact = pg_current_xact_id();
    END $$;
    CREATE FUNCTION mq_fold_trigger() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public AS $$
    BEGIN
      PERFORM mq_fold_totals();
      RETURN NULL;
    END $$;
    CREATE CONSTRAINT TRIGGER mq_fold_at_commit AFTER INSERT ON totalsFold
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION mq_fold_trigger();
    CREATE TRIGGER mq_fold_first BEFORE UPDATE OR DELETE ON walk
      FOR EACH STATEMENT EXECUTE FUNCTION mq_fold_trigger();
    CREATE TRIGGER mq_fold_first BEFORE INSERT OR UPDATE OR DELETE ON membership
      FOR EACH STATEMENT EXECUTE FUNCTION mq_fold_trigger();

    DROP TRIGGER mq_total_walk ON walk;
    DROP FUNCTION mq_total_walk();

    CREATE FUNCTION mq_total_walks_inserted() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      IF current_setting('milequest.bulk', true) = 'on' THEN
        INSERT INTO walkPending(walkId) SELECT id FROM new_rows WHERE NOT isDeleted;
        IF FOUND THEN
          INSERT INTO totalsFold(xact) VALUES (pg_current_xact_id()) ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END IF;
      PERFORM mq_apply_walks(array_agg(memberId), array_agg(date), array_agg(distanceMetres),
        array_agg(1))
      FROM new_rows WHERE NOT isDeleted;
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_total_walks_inserted AFTER INSERT ON walk
      REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mq_total_walks_inserted();

    -- An edit: the old rows out, the new rows in; rows whose counted columns did not change
    -- are left out (a note's edit touches no total).
    CREATE FUNCTION mq_total_walks_updated() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      PERFORM mq_apply_walks(array_agg(memberId), array_agg(date), array_agg(amount),
        array_agg(sign))
      FROM (
        SELECT o.memberId, o.date, -o.distanceMetres AS amount, -1 AS sign FROM old_rows o
        WHERE NOT o.isDeleted AND NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.id = o.id
          AND n.memberId = o.memberId AND n.date = o.date
          AND n.distanceMetres = o.distanceMetres AND NOT n.isDeleted)
        UNION ALL
        SELECT n.memberId, n.date, n.distanceMetres, 1 FROM new_rows n
        WHERE NOT n.isDeleted AND NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.id = n.id
          AND o.memberId = n.memberId AND o.date = n.date
          AND o.distanceMetres = n.distanceMetres AND NOT o.isDeleted)
      ) changed;
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_total_walks_updated AFTER UPDATE ON walk
      REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mq_total_walks_updated();

    CREATE FUNCTION mq_total_walks_deleted() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      PERFORM mq_apply_walks(array_agg(memberId), array_agg(date), array_agg(-distanceMetres),
        array_agg(-1))
      FROM old_rows WHERE NOT isDeleted;
      RETURN NULL;
    END $$;
    CREATE TRIGGER mq_total_walks_deleted AFTER DELETE ON walk
      REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION mq_total_walks_deleted();

    -- A membership's total computed again from its walks, and its team's total moved by the
    -- difference (the old team's, when the membership moved).
    CREATE OR REPLACE FUNCTION mq_total_membership() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    DECLARE
      old_partials double precision[];
      old_walks bigint;
      new_partials double precision[];
      new_walks bigint;
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        DELETE FROM membershipTotal WHERE membershipId = OLD.id
        RETURNING partials, walks INTO old_partials, old_walks;
        IF FOUND THEN
          INSERT INTO teamTotal(teamId, partials, walks)
          VALUES (OLD.teamId, mq_fsum_merge('{}', ARRAY(SELECT -p FROM unnest(old_partials) p)),
            -old_walks)
          ON CONFLICT (teamId) DO UPDATE
            SET partials = mq_fsum_merge(teamTotal.partials, EXCLUDED.partials),
              walks = teamTotal.walks + EXCLUDED.walks;
        END IF;
      END IF;
      IF TG_OP = 'DELETE' THEN RETURN NULL; END IF;
      SELECT coalesce(mq_fsum(w.distanceMetres), '{}'), count(*)
      INTO new_partials, new_walks FROM walk w
      WHERE w.memberId = NEW.memberId AND NOT w.isDeleted AND w.date >= NEW.joined
        AND (NEW."left" IS NULL OR w.date < NEW."left");
      INSERT INTO membershipTotal(membershipId, partials, walks)
      VALUES (NEW.id, new_partials, new_walks)
      ON CONFLICT (membershipId) DO UPDATE
        SET partials = EXCLUDED.partials, walks = EXCLUDED.walks;
      INSERT INTO teamTotal(teamId, partials, walks) VALUES (NEW.teamId, new_partials, new_walks)
      ON CONFLICT (teamId) DO UPDATE
        SET partials = mq_fsum_merge(teamTotal.partials, EXCLUDED.partials),
          walks = teamTotal.walks + EXCLUDED.walks;
      RETURN NULL;
    END $$;
    DROP TRIGGER mq_total_membership ON membership;
    CREATE TRIGGER mq_total_membership
      AFTER INSERT OR DELETE OR UPDATE OF id, teamId, memberId, joined, "left" ON membership
      FOR EACH ROW EXECUTE FUNCTION mq_total_membership();

    -- Member logins made before this step read the new table as they read the others.
    DO $$
    DECLARE
      login_name text;
    BEGIN
      FOR login_name IN SELECT l.login FROM memberLogin l JOIN pg_roles r ON r.rolname = l.login
      LOOP
        EXECUTE format('GRANT SELECT ON teamTotal, walkPending, totalsFold TO %I', login_name);
      END LOOP;
    END $$;
    """

  /// Each team's members and walkers kept beside its total (`teamTotal.members`,
  /// `teamTotal.walkers`: distinct members of its memberships that are not empty, and those of
  /// them with a counted walk), so the all-teams board reads `team ⋈ teamTotal` alone: counting
  /// them over every membership took 15 to 22 ms of the board's query at 10,000 memberships.
  /// They are counted again for a team (`mq_team_counts`, a few memberships by index) when one
  /// of its memberships changes, and when a walk statement moves one of its memberships' walk
  /// count to or from zero; nothing else can change them.
  static let teamCounts = """
    ALTER TABLE teamTotal ADD COLUMN members bigint NOT NULL DEFAULT 0,
      ADD COLUMN walkers bigint NOT NULL DEFAULT 0;

    CREATE FUNCTION mq_team_counts(teams bigint[]) RETURNS void LANGUAGE sql SECURITY DEFINER
    SET search_path = public AS $$
      INSERT INTO teamTotal(teamId, partials, walks, members, walkers)
      SELECT t.id, '{}', 0, coalesce(c.members, 0), coalesce(c.walkers, 0)
      FROM (SELECT DISTINCT id FROM unnest(teams) AS u(id) WHERE id IS NOT NULL) t
      LEFT JOIN (
        SELECT m.teamId, count(DISTINCT m.memberId) AS members,
          count(DISTINCT m.memberId) FILTER (WHERE mt.walks > 0) AS walkers
        FROM membership m LEFT JOIN membershipTotal mt ON mt.membershipId = m.id
        WHERE m.teamId = ANY (teams) AND (m."left" IS NULL OR m."left" > m.joined)
        GROUP BY m.teamId
      ) c ON c.teamId = t.id
      ON CONFLICT (teamId) DO UPDATE SET members = EXCLUDED.members, walkers = EXCLUDED.walkers
      WHERE (teamTotal.members, teamTotal.walkers)
        IS DISTINCT FROM (EXCLUDED.members, EXCLUDED.walkers);
    $$;
    REVOKE EXECUTE ON FUNCTION mq_team_counts(bigint[]) FROM PUBLIC;
    SELECT mq_team_counts(ARRAY(SELECT id FROM team UNION SELECT teamId FROM teamTotal));

    -- As in v4.2, and the teams whose memberships' walk counts went to or from zero counted
    -- again (walkers).
    CREATE OR REPLACE FUNCTION mq_apply_walks(member_ids bigint[], dates date[],
      amounts double precision[], signs integer[])
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    DECLARE
      crossed bigint[];
    BEGIN
      WITH d AS (
        SELECT * FROM unnest(member_ids, dates, amounts, signs) AS d(memberId, date, amount, sign)
      ), per AS MATERIALIZED (
        SELECT m.id, m.teamId, mq_fsum(d.amount) AS partials, sum(d.sign) AS walks
        FROM d JOIN membership m ON m.memberId = d.memberId AND m.joined <= d.date
          AND (m."left" IS NULL OR d.date < m."left")
        GROUP BY m.id, m.teamId
      ), members AS (
        UPDATE membershipTotal t SET partials = mq_fsum_merge(t.partials, per.partials),
          walks = t.walks + per.walks
        FROM per WHERE t.membershipId = per.id
        RETURNING per.teamId, t.walks AS after, per.walks AS delta
      ), teams AS (
        INSERT INTO teamTotal(teamId, partials, walks)
        SELECT teamId, mq_fsum_merged(partials), sum(walks) FROM per GROUP BY teamId
        ON CONFLICT (teamId) DO UPDATE
          SET partials = mq_fsum_merge(teamTotal.partials, EXCLUDED.partials),
            walks = teamTotal.walks + EXCLUDED.walks
      )
      SELECT array_agg(DISTINCT teamId) FILTER (WHERE (after > 0) <> (after - delta > 0))
      INTO crossed FROM members;
      IF crossed IS NOT NULL THEN PERFORM mq_team_counts(crossed); END IF;
    END $$;

    CREATE FUNCTION mq_total_membership_counts() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = public AS $$
    BEGIN
      PERFORM mq_team_counts(ARRAY[
        CASE WHEN TG_OP <> 'INSERT' THEN OLD.teamId END,
        CASE WHEN TG_OP <> 'DELETE' THEN NEW.teamId END]);
      RETURN NULL;
    END $$;
    -- Named to fire after mq_total_membership (triggers fire in name order): the counts read
    -- the membership totals it has just written.
    CREATE TRIGGER mq_total_membership_counts
      AFTER INSERT OR DELETE OR UPDATE OF id, teamId, memberId, joined, "left" ON membership
      FOR EACH ROW EXECUTE FUNCTION mq_total_membership_counts();
    """
}
