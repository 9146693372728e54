import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createHash } from 'node:crypto';
import type { Rejection, SubmissionResult } from '@trm/domain';

export interface SubmissionRecord extends SubmissionResult {
  keyId: string;
  channel: string;
  receivedAt: string;
  /** How many events were rejected; `rejected` keeps at most the first MAX_STORED_REJECTIONS of them. */
  rejectedCount?: number;
}

/** A submission's record keeps its counts and at most this many rejections (a body of 200,000 bad lines stays small). */
export const MAX_STORED_REJECTIONS = 1_000;

export interface AccessRecord {
  at: string;
  keyId: string;
  role: string;
  action: string;
  target: string;
}

interface SubmissionRow {
  submission_id: string; key_id: string; channel: string; received_at: string; received: number; accepted: number;
  duplicates: number; rejected: string; rejected_count: number | null;
}

/**
 * Audit records beside the event store: what each submission brought (counts and rejection
 * reasons — never the rejected payloads), Idempotency-Key answers, and the access log.
 */
export class AuditLogStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    // What is replaced here (a raw Idempotency-Key of an older version) is overwritten, not left in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS submissions (
        submission_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL,
        received INTEGER NOT NULL, accepted INTEGER NOT NULL, duplicates INTEGER NOT NULL, rejected TEXT NOT NULL);
      CREATE INDEX IF NOT EXISTS submissions_by_key ON submissions(key_id, received_at);
      CREATE TABLE IF NOT EXISTS idempotency (
        key_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, body_sha256 TEXT NOT NULL, submission_id TEXT NOT NULL,
        PRIMARY KEY (key_id, idempotency_key));
      CREATE TABLE IF NOT EXISTS access_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, key_id TEXT NOT NULL, role TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL);
    `);
    this.migrate();
  }

  /**
   * Logs written before hardening: add the rejection count, and keep Idempotency-Keys only as
   * hashes (they are the submitter's text), the way the events controller now hashes them.
   */
  private migrate(): void {
    const columns = this.db.prepare('PRAGMA table_info(submissions)').all() as { name: string }[];
    if (!columns.some((c) => c.name === 'rejected_count')) {
      this.db.exec('ALTER TABLE submissions ADD COLUMN rejected_count INTEGER');
    }
    const raw = this.db.prepare(
      "SELECT rowid AS id, idempotency_key AS k FROM idempotency WHERE length(idempotency_key) <> 64 OR idempotency_key GLOB '*[^0-9a-f]*'",
    ).all() as { id: number; k: string }[];
    if (raw.length === 0) return;
    const update = this.db.prepare('UPDATE OR REPLACE idempotency SET idempotency_key = ? WHERE rowid = ?');
    this.db.transaction(() => {
      for (const r of raw) update.run(createHash('sha256').update(`idempotency-key:${r.k}`).digest('hex'), r.id);
    })();
  }

  recordSubmission(r: SubmissionRecord, idempotency?: { key: string; bodySha256: string }): void {
    this.db.transaction(() => {
      this.db.prepare(
        `INSERT INTO submissions (submission_id, key_id, channel, received_at, received, accepted, duplicates, rejected, rejected_count)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        r.submissionId, r.keyId, r.channel, r.receivedAt, r.received, r.accepted, r.duplicates,
        JSON.stringify(r.rejected.slice(0, MAX_STORED_REJECTIONS)), r.rejected.length,
      );
      if (idempotency) {
        this.db.prepare('INSERT OR IGNORE INTO idempotency VALUES (?, ?, ?, ?)')
          .run(r.keyId, idempotency.key, idempotency.bodySha256, r.submissionId);
      }
    })();
  }

  submission(submissionId: string): SubmissionRecord | undefined {
    const row = this.db.prepare('SELECT * FROM submissions WHERE submission_id = ?').get(submissionId) as SubmissionRow | undefined;
    if (!row) return undefined;
    const rejected = JSON.parse(row.rejected) as Rejection[];
    return {
      submissionId: row.submission_id, keyId: row.key_id, channel: row.channel, receivedAt: row.received_at,
      received: row.received, accepted: row.accepted, duplicates: row.duplicates, rejected, rejectedCount: row.rejected_count ?? rejected.length,
    };
  }

  submissions(opts: { keyId?: string; limit: number }): Omit<SubmissionRecord, 'rejected'>[] {
    const rows = (opts.keyId
      ? this.db.prepare('SELECT * FROM submissions WHERE key_id = ? ORDER BY received_at DESC LIMIT ?').all(opts.keyId, opts.limit)
      : this.db.prepare('SELECT * FROM submissions ORDER BY received_at DESC LIMIT ?').all(opts.limit)) as SubmissionRow[];
    return rows.map((row) => ({
      submissionId: row.submission_id, keyId: row.key_id, channel: row.channel, receivedAt: row.received_at,
      received: row.received, accepted: row.accepted, duplicates: row.duplicates,
      rejectedCount: row.rejected_count ?? (JSON.parse(row.rejected) as unknown[]).length,
    }));
  }

  /** The first answer to an Idempotency-Key, or a mismatch when the key was used for another body. */
  idempotent(keyId: string, idempotencyKey: string, bodySha256: string): { submission?: SubmissionRecord; mismatch?: boolean } {
    const row = this.db.prepare('SELECT * FROM idempotency WHERE key_id = ? AND idempotency_key = ?').get(keyId, idempotencyKey) as
      | { body_sha256: string; submission_id: string }
      | undefined;
    if (!row) return {};
    if (row.body_sha256 !== bodySha256) return { mismatch: true };
    return { submission: this.submission(row.submission_id) };
  }

  logAccess(r: Omit<AccessRecord, 'at'>, at = new Date()): void {
    this.db.prepare('INSERT INTO access_log (at, key_id, role, action, target) VALUES (?, ?, ?, ?, ?)')
      .run(at.toISOString(), r.keyId, r.role, r.action, r.target);
  }

  accessLog(opts: { since?: string; limit: number }): AccessRecord[] {
    return this.db.prepare(
      'SELECT at, key_id AS keyId, role, action, target FROM access_log WHERE at >= ? ORDER BY id DESC LIMIT ?',
    ).all(opts.since ?? '', opts.limit) as AccessRecord[];
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
