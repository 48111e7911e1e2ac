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
  // 2: the subject as the provider canonicalised it (limits and comparisons use it), sandbox rows marked,
  // and app settings (whether the sandbox is offered).
  `
  ALTER TABLE request_log ADD COLUMN target_canonical TEXT;
  ALTER TABLE request_log ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0;
  UPDATE request_log SET target_canonical = lower(target) WHERE target IS NOT NULL;
  CREATE INDEX request_log_target_canonical ON request_log (target_canonical, started_at);

  CREATE TABLE app_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
  // 3: signed approval receipts (finance approvals): the payload as signed, the compact JWS and its key id.
  `
  CREATE TABLE approval_receipts (
    id        TEXT PRIMARY KEY,
    issued_at INTEGER NOT NULL,
    payload   TEXT NOT NULL,
    jws       TEXT NOT NULL,
    key_id    TEXT NOT NULL
  ) STRICT;
  CREATE INDEX approval_receipts_issued ON approval_receipts (issued_at DESC);
  `,
];
