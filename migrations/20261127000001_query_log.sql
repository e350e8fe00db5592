-- Every command call: what was asked, what was shown, how long it took.
-- user_hash is a salted SHA-256 of the user id: the raw id is never stored.
CREATE TABLE IF NOT EXISTS query_log (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    ts             INTEGER NOT NULL,          -- unix time, milliseconds
    transport      TEXT    NOT NULL,          -- 'cli' | 'discord'
    guild_id       TEXT,
    channel_id     TEXT,
    user_hash      TEXT    NOT NULL,
    command        TEXT    NOT NULL,
    query          TEXT    NOT NULL,
    passage_ids    TEXT    NOT NULL,          -- JSON array, in the order shown
    hit_count      INTEGER NOT NULL,
    top_score      REAL,
    latency_us     INTEGER NOT NULL,
    answer_id      TEXT,
    corpus_version TEXT    NOT NULL,
    reply_json     TEXT                       -- the reply as shown, so `answer ID` reproduces it exactly
);
CREATE INDEX IF NOT EXISTS query_log_ts ON query_log (ts);
CREATE INDEX IF NOT EXISTS query_log_answer ON query_log (answer_id);
CREATE INDEX IF NOT EXISTS query_log_user ON query_log (user_hash);

-- Votes on answers: one per person per answer.
CREATE TABLE IF NOT EXISTS feedback (
    answer_id  TEXT    NOT NULL,
    user_hash  TEXT    NOT NULL,
    vote       TEXT    NOT NULL,              -- 'helpful' | 'not-helpful' | 'wrong-source' | 'outdated'
    ts         INTEGER NOT NULL,
    PRIMARY KEY (answer_id, user_hash)
);

-- Quiz scores per user per guild. display_name is the public name shown on the leaderboard.
CREATE TABLE IF NOT EXISTS quiz_scores (
    guild_id     TEXT    NOT NULL,
    user_hash    TEXT    NOT NULL,
    display_name TEXT    NOT NULL,
    correct      INTEGER NOT NULL DEFAULT 0,
    answered     INTEGER NOT NULL DEFAULT 0,
    updated_ts   INTEGER NOT NULL,
    PRIMARY KEY (guild_id, user_hash)
);
