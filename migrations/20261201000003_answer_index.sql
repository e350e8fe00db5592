-- Answer ids are random, so an index on query_log.answer_id put every logged answer on its own
-- page of that index: under load each batch of rows rewrote most of the index (and wrote it to
-- the WAL), which cost more than the rows. Answer ids now go into `answer_index` in bulk, from
-- time to time (see src/store/sink.rs); rows newer than `answer_index_mark` are found by a scan
-- of the log's newest rows, which the rowid bounds.
CREATE TABLE IF NOT EXISTS answer_index (
    answer_id TEXT    NOT NULL,
    log_id    INTEGER NOT NULL,               -- query_log.id
    PRIMARY KEY (answer_id, log_id)
) WITHOUT ROWID;

-- The newest query_log.id whose answer id is in `answer_index`: one row.
CREATE TABLE IF NOT EXISTS answer_index_mark (
    one             INTEGER PRIMARY KEY CHECK (one = 1),
    indexed_through INTEGER NOT NULL
);

INSERT INTO answer_index (answer_id, log_id)
    SELECT answer_id, id FROM query_log WHERE answer_id IS NOT NULL;
INSERT INTO answer_index_mark (one, indexed_through)
    SELECT 1, coalesce(max(id), 0) FROM query_log;
DROP INDEX IF EXISTS query_log_answer;
