import GRDB
import MileQuestCore
import MileQuestStore

/// The schema, as migrations that run automatically when a database is opened.
///
/// A migration is never edited once it has landed: add a new one. Migrations use SQL string
/// literals only, so they keep meaning what they meant when they were written.
enum Migrations {
  /// How many migrations there are (a test checks it against `migrator`).
  static let count = 9

  static var migrator: DatabaseMigrator {
    var migrator = DatabaseMigrator()
    migrator.registerMigration("v1-initial") { db in
      try db.execute(
        sql: """
          CREATE TABLE member (
            id INTEGER PRIMARY KEY,
            handle TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            email TEXT,
            strideMetres REAL NOT NULL,
            archivedOn TEXT
          );
          CREATE TABLE team (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            nameKey TEXT NOT NULL UNIQUE,
            description TEXT,
            maxMembers INTEGER NOT NULL
          );
          CREATE TABLE membership (
            id INTEGER PRIMARY KEY,
            teamId INTEGER NOT NULL REFERENCES team(id),
            memberId INTEGER NOT NULL REFERENCES member(id),
            role TEXT NOT NULL,
            joined TEXT NOT NULL,
            "left" TEXT
          );
          CREATE INDEX membership_team ON membership(teamId);
          CREATE INDEX membership_member ON membership(memberId);
          CREATE TABLE route (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            nameKey TEXT NOT NULL UNIQUE
          );
          CREATE TABLE routePoint (
            routeId INTEGER NOT NULL REFERENCES route(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            latitude REAL NOT NULL,
            longitude REAL NOT NULL,
            label TEXT,
            PRIMARY KEY (routeId, position)
          );
          CREATE TABLE goal (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            nameKey TEXT NOT NULL UNIQUE,
            routeId INTEGER REFERENCES route(id),
            targetMetres REAL NOT NULL,
            mode TEXT NOT NULL,
            start TEXT NOT NULL,
            "end" TEXT,
            dailyCapMetres REAL,
            state TEXT NOT NULL
          );
          CREATE TABLE goalTeam (
            goalId INTEGER NOT NULL REFERENCES goal(id) ON DELETE CASCADE,
            teamId INTEGER NOT NULL REFERENCES team(id),
            position INTEGER NOT NULL,
            PRIMARY KEY (goalId, teamId)
          );
          CREATE TABLE walk (
            id INTEGER PRIMARY KEY,
            memberId INTEGER NOT NULL REFERENCES member(id),
            date TEXT NOT NULL,
            distanceMetres REAL NOT NULL,
            durationSeconds REAL,
            steps INTEGER,
            note TEXT,
            source TEXT NOT NULL,
            externalId TEXT,
            isDeleted INTEGER NOT NULL DEFAULT 0
          );
          CREATE INDEX walk_member_date ON walk(memberId, date);
          CREATE INDEX walk_date ON walk(date);
          CREATE UNIQUE INDEX walk_external ON walk(source, externalId)
            WHERE externalId IS NOT NULL;
          CREATE TABLE change (
            id INTEGER PRIMARY KEY,
            description TEXT NOT NULL,
            madeAt TEXT NOT NULL
          );
          CREATE TABLE undoLog (
            seq INTEGER PRIMARY KEY,
            changeId INTEGER NOT NULL REFERENCES change(id) ON DELETE CASCADE,
            statement TEXT NOT NULL
          );
          CREATE INDEX undoLog_change ON undoLog(changeId);
          """)
    }
    migrator.registerMigration("v2-membership-totals") { db in
      // Running totals per membership (see RunningTotals), filled from the walks so far.
      try db.execute(
        sql: """
          CREATE TABLE membershipTotal (
            membershipId INTEGER PRIMARY KEY,
            partials BLOB NOT NULL,
            walks INTEGER NOT NULL
          );
          INSERT INTO membershipTotal(membershipId, partials, walks)
          SELECT m.id,
            (SELECT mq_fsum(w.distanceMetres) FROM walk w WHERE w.memberId = m.memberId
              AND w.isDeleted = 0 AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left")),
            (SELECT count(*) FROM walk w WHERE w.memberId = m.memberId
              AND w.isDeleted = 0 AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left"))
          FROM membership m;
          """)
    }
    migrator.registerMigration("v3-log-without-reports") { db in
      // What lets `log` prove that a walk passes no milestone without whole progress reports:
      // - a route's milestones with their distances along it, saved the first time `log` needs
      //   them, so that logging a walk does not measure a 50,000-point route twice (routes never
      //   change once stored; deleting one deletes its rows);
      // - an index that holds everything a total needs (member, day, deleted?, distance), so
      //   summing a team's walks reads the index alone instead of a table row per walk. It
      //   replaces the (memberId, date) index, of which it is an extension.
      try db.execute(
        sql: """
          CREATE INDEX walk_member_date_amount ON walk(memberId, date, isDeleted, distanceMetres);
          DROP INDEX walk_member_date;
          CREATE TABLE routeMilestone (
            routeId INTEGER NOT NULL REFERENCES route(id) ON DELETE CASCADE,
            pointIndex INTEGER NOT NULL,
            name TEXT NOT NULL,
            atMetres REAL NOT NULL,
            PRIMARY KEY (routeId, pointIndex)
          );
          """)
    }
    migrator.registerMigration("v4-goal-endings") { db in
      // A goal's grace period, and its final results: when a goal closes (completed, or
      // ended once its grace period is over), the memberships and walks it counted are copied
      // here, so that walks logged, imported, edited or deleted later, and membership
      // changes, leave its results as they were (see GoalFinalResults).
      try db.execute(
        sql: """
          ALTER TABLE goal ADD COLUMN graceDays INTEGER NOT NULL DEFAULT 0;
          CREATE TABLE goalFinal (
            goalId INTEGER PRIMARY KEY REFERENCES goal(id) ON DELETE CASCADE,
            status TEXT NOT NULL,
            closedOn TEXT NOT NULL
          );
          CREATE TABLE goalFinalMembership (
            goalId INTEGER NOT NULL REFERENCES goalFinal(goalId) ON DELETE CASCADE,
            membershipId INTEGER NOT NULL,
            teamId INTEGER NOT NULL,
            memberId INTEGER NOT NULL,
            role TEXT NOT NULL,
            joined TEXT NOT NULL,
            "left" TEXT,
            PRIMARY KEY (goalId, membershipId)
          );
          CREATE TABLE goalFinalWalk (
            goalId INTEGER NOT NULL REFERENCES goalFinal(goalId) ON DELETE CASCADE,
            walkId INTEGER NOT NULL,
            memberId INTEGER NOT NULL,
            date TEXT NOT NULL,
            distanceMetres REAL NOT NULL,
            PRIMARY KEY (goalId, walkId)
          );
          """)
    }
    migrator.registerMigration("v5-activities") { db in
      // Issue 17: every walk has an activity (the walks so far were walks), and every goal
      // says which activities it counts in full and which at a factor (`ActivityCounting`'s
      // stored form; the goals so far count the default ones, with no conversion).
      // `walk_other_activity` holds only the walks that are not `walk`, so `log` learns that
      // a team has none (and keeps adding up its running totals) without reading its walks.
      // A final results' copy of a walk keeps its activity too.
      try db.execute(
        sql: """
          ALTER TABLE walk ADD COLUMN activity TEXT NOT NULL DEFAULT 'walk'
            CHECK (activity IN ('walk', 'run', 'hike', 'wheelchair', 'cycle', 'swim', 'other'));
          CREATE INDEX walk_other_activity ON walk(memberId, activity) WHERE activity <> 'walk';
          ALTER TABLE goal ADD COLUMN activities TEXT NOT NULL
            DEFAULT 'walk,run,hike,wheelchair';
          ALTER TABLE goal ADD COLUMN conversions TEXT NOT NULL DEFAULT '';
          ALTER TABLE goalFinalWalk ADD COLUMN activity TEXT NOT NULL DEFAULT 'walk';
          """)
    }
    migrator.registerMigration("v6-walk-days") { db in
      // Totals per member per day (see DayTotals), filled from the walks so far: a board over
      // a period reads at most one row per member and day instead of every walk. Keyed by day
      // first, so all members' days of a period are one range of the table; the index serves
      // one team's or one goal's members.
      try db.execute(
        sql: """
          CREATE TABLE walkDay (
            memberId INTEGER NOT NULL,
            date TEXT NOT NULL,
            partials BLOB NOT NULL,
            walks INTEGER NOT NULL,
            PRIMARY KEY (date, memberId)
          ) WITHOUT ROWID;
          CREATE INDEX walkDay_member ON walkDay(memberId, date);
          INSERT INTO walkDay(memberId, date, partials, walks)
          SELECT memberId, date, mq_fsum(distanceMetres), count(*) FROM walk
          WHERE isDeleted = 0 GROUP BY memberId, date;
          """)
    }
    migrator.registerMigration("v7-walk-months") { db in
      // Totals per member per calendar month (see DayTotals), filled from the walks so far:
      // a board over a year or a range reads the months it covers whole from here, one row
      // per member and month, and only its edge days from walkDay. Keyed by month ("YYYY-MM")
      // first, like walkDay, so all members' months of a period are one range of the table.
      try db.execute(
        sql: """
          CREATE TABLE walkMonth (
            memberId INTEGER NOT NULL,
            month TEXT NOT NULL,
            partials BLOB NOT NULL,
            walks INTEGER NOT NULL,
            PRIMARY KEY (month, memberId)
          ) WITHOUT ROWID;
          INSERT INTO walkMonth(memberId, month, partials, walks)
          SELECT memberId, substr(date, 1, 7), mq_fsum(distanceMetres), count(*) FROM walk
          WHERE isDeleted = 0 GROUP BY memberId, substr(date, 1, 7);
          """)
    }
    migrator.registerMigration("v8-team-totals") { db in
      // Totals per team (see TeamTotals), filled from the memberships' running totals: the
      // all-teams all-time board reads one row per team instead of every membership.
      try db.execute(
        sql: """
          CREATE TABLE teamTotal (
            teamId INTEGER PRIMARY KEY,
            partials BLOB NOT NULL,
            walks INTEGER NOT NULL,
            members INTEGER NOT NULL,
            walkers INTEGER NOT NULL
          );
          INSERT INTO teamTotal(teamId, partials, walks, members, walkers)
          SELECT x.id, mq_fsum_merged(t.partials), coalesce(sum(t.walks), 0),
            count(DISTINCT CASE WHEN m."left" IS NULL OR m."left" > m.joined
              THEN m.memberId END),
            count(DISTINCT CASE WHEN t.walks > 0 THEN m.memberId END)
          FROM team x LEFT JOIN membership m ON m.teamId = x.id
            LEFT JOIN membershipTotal t ON t.membershipId = m.id
          GROUP BY x.id;
          """)
    }
    migrator.registerMigration("v9-goal-team-by-team") { db in
      // The goals of some teams (`log`: the walker's teams' goals, to tell which it moves)
      // were a scan of every goal's teams: goalTeam's key starts with the goal. At issue 16's
      // size (a thousand goals) that scan was about a tenth of a `log`'s work.
      try db.execute(sql: "CREATE INDEX goalTeam_team ON goalTeam(teamId)")
    }
    return migrator
  }
}
