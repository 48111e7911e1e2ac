/** Schema migrations, in order. Never edit a shipped step: append a new one. */
export const migrations: readonly string[] = [
  // 1: the request log and provider profiles.
  `
  CREATE TABLE request_log (
    id            TEXT PRIMARY KEY,
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    operator      TEXT NOT NULL,
    action        TEXT NOT NULL,
    target        TEXT,
    profile_id    TEXT,
    profile_name  TEXT,
    provider_kind TEXT,
    reason        TEXT,
    ticket        TEXT,
    outcome       TEXT NOT NULL,
    outcome_code  TEXT,
    detail        TEXT,
    refs          TEXT NOT NULL DEFAULT '{}'
  ) STRICT;
  CREATE INDEX request_log_started ON request_log (started_at DESC);
  CREATE INDEX request_log_target ON request_log (target);

  CREATE TABLE profiles (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    display_name TEXT NOT NULL,
    settings     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
  ) STRICT;
  `,
];
