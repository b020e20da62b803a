-- The pooled connection Flyway cleaned with goes back to work with foreign keys on.
PRAGMA foreign_keys = ON;
