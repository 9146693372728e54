/**
 * The embedded event store's schema. Positions are the rowid (sequential appends touch only the
 * right edge of the table's B-tree). Event ids are chosen by submitters and mostly random
 * (UUIDv4): a UNIQUE index on the 36-character text dirties about one index page per event and
 * caps appends at 30–55k events/s (TECH-NOTES.md), so the id is indexed through a 52-bit integer
 * key — a third of the index entry size — and equality is checked on the row.
 */
export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS events (
  position      INTEGER PRIMARY KEY,
  stream_id     TEXT    NOT NULL,
  stream_key    INTEGER NOT NULL,
  revision      INTEGER NOT NULL,
  event_id      TEXT    NOT NULL,
  event_key     INTEGER NOT NULL,
  type          TEXT    NOT NULL,
  data          TEXT    NOT NULL,
  recorded_at   TEXT    NOT NULL,
  submission_id TEXT    NOT NULL,
  key_id        TEXT    NOT NULL,
  channel       TEXT    NOT NULL,
  content_hash  BLOB    NOT NULL,
  prev_hash     BLOB    NOT NULL,
  hash          BLOB    NOT NULL,
  global_hash   BLOB    NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_event_key ON events(event_key);
CREATE INDEX IF NOT EXISTS events_by_stream ON events(stream_key, revision);
CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
`;

export const SQLITE_COLUMNS =
  'position, stream_id, revision, event_id, type, data, recorded_at, submission_id, key_id, channel, content_hash, prev_hash, hash, global_hash';
