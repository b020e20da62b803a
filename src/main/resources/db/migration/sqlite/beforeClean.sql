-- Flyway runs this before clean (tests only: clean is disabled elsewhere). With foreign keys on,
-- SQLite refuses to drop the tables that others refer to, and Flyway reports success anyway.
PRAGMA foreign_keys = OFF;
