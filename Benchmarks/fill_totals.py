#!/usr/bin/env python3
"""Recomputes a milequest SQLite database's running totals (membershipTotal), day totals
(walkDay) and month totals (walkMonth, where the schema has it) from its walks, as its
migrations fill them: for issue 16's sets, whose walks run.sh loads with the sqlite3 shell (`.import` and one INSERT ... SELECT, as the import
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


def main():
    con = sqlite3.connect(sys.argv[1], isolation_level=None)
    con.create_aggregate("mq_fsum", 1, FSum)
    has_months = con.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'walkMonth'").fetchone()
    # v7-walk-months: a binary before it has no such table
    months = """
        DELETE FROM walkMonth;
        INSERT INTO walkMonth(memberId, month, partials, walks)
        SELECT memberId, substr(date, 1, 7), mq_fsum(distanceMetres), count(*) FROM walk
        WHERE isDeleted = 0 GROUP BY memberId, substr(date, 1, 7);
    """ if has_months else ""
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
        COMMIT;
        PRAGMA wal_checkpoint(TRUNCATE);
    """)
    con.close()


if __name__ == "__main__":
    main()
