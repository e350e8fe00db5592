-- A logged reply is now kept in a compact binary form (see src/commands/archive.rs);
-- `reply_json` stays readable for rows logged before.
ALTER TABLE query_log ADD COLUMN reply_packed BLOB;
