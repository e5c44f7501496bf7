-- AUTOINCREMENT counters; run only when sqlite_sequence exists.
SELECT name, seq FROM sqlite_sequence;
