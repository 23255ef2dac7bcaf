#!/usr/bin/env python3
"""Recomputes a milequest SQLite database's running totals (membershipTotal), day totals
(walkDay), month totals (walkMonth) and team totals (teamTotal), where the schema has them,
from its walks, as its migrations fill them: for issue 16's sets, whose walks run.sh loads with the sqlite3 shell (`.import` and one INSERT ... SELECT, as the import
baseline does) rather than through 10M rows of `milequest import walks`.

mq_fsum is milequest's exact sum (Shewchuk's partials, Python's math.fsum recipe) stored as
little-endian doubles, the bytes of ExactSum.bytes; `milequest check` compares the result
with the walks.
"""

import sqlite3
import struct
import sys


class FSum:
    def __init__(self):
        self.partials = []

    def step(self, x):
        if x is None:
            return
        x = float(x)
        i = 0
        for y in self.partials:
            if abs(x) < abs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                self.partials[i] = lo
                i += 1
            x = hi
        self.partials[i:] = [x]

    def finalize(self):
        return struct.pack(f"<{len(self.partials)}d", *self.partials)


class FSumMerged(FSum):
    """mq_fsum_merged: the exact sum of partials blobs (each one's doubles added in turn)."""

    def step(self, blob):
        if blob is None:
            return
        for (x,) in struct.iter_unpack("<d", blob):
            super().step(x)


def main():
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.create_aggregate("mq_fsum", 1, FSum)
    con.create_aggregate("mq_fsum_merged", 1, FSumMerged)
    has_months = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'walkMonth'").fetchone()
    # v7-walk-months: a binary before it has no such table
    months = """
        DELETE FROM walkMonth;
        INSERT INTO walkMonth(memberId, month, partials, walks)
        SELECT memberId, substr(date, 1, 7), mq_fsum(distanceMetres), count(*) FROM walk
        WHERE isDeleted = 0 GROUP BY memberId, substr(date, 1, 7);
    """ if has_months else ""
    has_teams = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'teamTotal'").fetchone()
    # v8-team-totals: per team, from the memberships' totals filled above
    teams = """
        DELETE FROM teamTotal;
        INSERT INTO teamTotal(teamId, partials, walks, members, walkers)
        SELECT x.id, coalesce(mq_fsum_merged(t.partials), x''), coalesce(sum(t.walks), 0),
          count(DISTINCT CASE WHEN m."left" IS NULL OR m."left" > m.joined
            THEN m.memberId END),
          count(DISTINCT CASE WHEN t.walks > 0 THEN m.memberId END)
        FROM team x LEFT JOIN membership m ON m.teamId = x.id
          LEFT JOIN membershipTotal t ON t.membershipId = m.id
        GROUP BY x.id;
    """ if has_teams else ""
    con.executescript(f"""
        PRAGMA cache_size = -1000000;
        BEGIN;
        DELETE FROM membershipTotal;
        INSERT INTO membershipTotal(membershipId, partials, walks)
        SELECT m.id,
          coalesce((SELECT mq_fsum(w.distanceMetres) FROM walk w WHERE w.memberId = m.memberId
            AND w.isDeleted = 0 AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left")),
            x''),
          (SELECT count(*) FROM walk w WHERE w.memberId = m.memberId
            AND w.isDeleted = 0 AND w.date >= m.joined AND (m."left" IS NULL OR w.date < m."left"))
        FROM membership m;
        DELETE FROM walkDay;
        INSERT INTO walkDay(memberId, date, partials, walks)
        SELECT memberId, date, mq_fsum(distanceMetres), count(*) FROM walk
        WHERE isDeleted = 0 GROUP BY memberId, date;
        {months}
        {teams}
        COMMIT;
        PRAGMA wal_checkpoint(TRUNCATE);
    """)
    con.close()


if __name__ == "__main__":
    main()
