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
  // 3: the append-only, MAC-chained audit trail (replaces request_log, whose rows are imported once at start-up
  // by the audit service, which holds the key), its search index, checkpoint anchors and the forwarding outbox.
  `
  CREATE TABLE audit_log (
    seq              INTEGER PRIMARY KEY,
    epoch            INTEGER NOT NULL,
    ts               INTEGER NOT NULL,
    mono             REAL NOT NULL,
    instance         TEXT NOT NULL,
    pid              INTEGER NOT NULL,
    event            TEXT NOT NULL,
    action           TEXT NOT NULL,
    outcome          TEXT NOT NULL,
    reason_code      TEXT,
    operator         TEXT NOT NULL,
    target           TEXT,
    target_canonical TEXT,
    profile_id       TEXT,
    profile_name     TEXT,
    provider         TEXT,
    endpoint_host    TEXT,
    method           TEXT,
    reason           TEXT,
    ticket           TEXT,
    link             INTEGER,
    refs             TEXT NOT NULL,
    detail           TEXT,
    data             TEXT,
    app_version      TEXT NOT NULL,
    device_id        TEXT NOT NULL,
    sandbox          INTEGER NOT NULL,
    mac              BLOB NOT NULL
  ) STRICT;
  -- One index per selective filter, newest first by seq; the other short filter columns ride along so a
  -- combination (operator + outcome, event + time range) is decided inside the index, without row lookups.
  CREATE INDEX audit_ts ON audit_log (ts);
  CREATE INDEX audit_operator ON audit_log (operator, seq, event, outcome, provider, ts);
  CREATE INDEX audit_target ON audit_log (target_canonical, seq, event, outcome, provider, ts);
  CREATE INDEX audit_event ON audit_log (event, seq, outcome, provider, ts);
  CREATE INDEX audit_outcome ON audit_log (outcome, seq, event, provider, ts);
  CREATE INDEX audit_link ON audit_log (link) WHERE link IS NOT NULL;

  -- Word search over reason, ticket and target; holds only the index (the text is in audit_log).
  CREATE VIRTUAL TABLE audit_fts USING fts5(reason, ticket, target, target_canonical, content='', contentless_delete=1);
  CREATE TRIGGER audit_fts_add AFTER INSERT ON audit_log BEGIN
    INSERT INTO audit_fts (rowid, reason, ticket, target, target_canonical)
    VALUES (new.seq, new.reason, new.ticket, new.target, new.target_canonical);
  END;
  CREATE TRIGGER audit_fts_remove AFTER DELETE ON audit_log BEGIN
    DELETE FROM audit_fts WHERE rowid = old.seq;
  END;

  -- Append-only inside the app: a guard against the app's own mistakes (the MAC chain is what detects an
  -- outsider, who can drop triggers).
  CREATE TABLE audit_prune_marks (through_seq INTEGER NOT NULL, at INTEGER NOT NULL) STRICT;
  CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
  END;
  CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
    WHEN old.seq > (SELECT IFNULL(MAX(through_seq), 0) FROM audit_prune_marks) BEGIN
    SELECT RAISE(ABORT, 'audit entries are removed only by retention pruning');
  END;

  -- A copy of every signed init and checkpoint payload, kept when old entries are pruned, so the signature
  -- chain from the first key can still be followed.
  CREATE TABLE audit_anchors (
    seq   INTEGER PRIMARY KEY,
    epoch INTEGER NOT NULL,
    ts    INTEGER NOT NULL,
    mac   BLOB NOT NULL,
    data  TEXT NOT NULL
  ) STRICT;

  -- Requests whose outcome is not recorded yet, with the process that sent them: each runtime closes only
  -- its own leftovers, or those of a process that is gone (a CLI may share the data folder).
  CREATE TABLE audit_open (
    seq      INTEGER PRIMARY KEY,
    instance TEXT NOT NULL,
    pid      INTEGER NOT NULL
  ) STRICT;

  -- Forwarding: one cursor per destination; the trail itself is the queue.
  CREATE TABLE audit_outbox (
    destination     TEXT PRIMARY KEY,
    delivered_seq   INTEGER NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    last_delivery   INTEGER,
    next_attempt    INTEGER
  ) STRICT;

  ALTER TABLE request_log RENAME TO request_log_legacy;
  `,
  // 4: signed approval receipts (finance approvals): the payload as signed, the compact JWS and its key id.
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
  // 5: per-account state of providers that keep accounts themselves (the app's own authenticator): the
  // last accepted time step, wrong codes and lock-outs. Never a secret: those live in the OS keychain, one
  // entry per account, and `in_keychain` says which rows have one (so removing a profile removes them all).
  `
  CREATE TABLE provider_accounts (
    profile_id  TEXT NOT NULL,
    account     TEXT NOT NULL,
    state       TEXT,
    in_keychain INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (profile_id, account)
  ) STRICT;
  `,
];
