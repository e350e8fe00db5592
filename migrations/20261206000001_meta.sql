-- Settings the deployment keeps in its database, so that every process sharing it agrees:
-- the salt for hashing user ids ('user_salt'), created by the first process that opens it.
CREATE TABLE IF NOT EXISTS fathom_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
