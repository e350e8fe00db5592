-- The text of every passage as one corpus version had it, written once per version. A logged
-- reply keeps only what differs from its passages (ids, highlight ranges, scores), so a row is
-- small; `answer ID` puts the texts back from here, even after the corpus has changed.
CREATE TABLE IF NOT EXISTS passage_snapshot (
    corpus_version TEXT NOT NULL,
    passage_id     TEXT NOT NULL,
    texts          TEXT NOT NULL,             -- JSON: the passage's fields as a reply item shows them
    PRIMARY KEY (corpus_version, passage_id)
) WITHOUT ROWID;

-- Only `forget-me` looks rows up by user, rarely; a scan serves it, and every logged row no
-- longer pays for this index.
DROP INDEX IF EXISTS query_log_user;
