import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AuditLogStore, MAX_STORED_REJECTIONS } from '@trm/audit-log';

/** The audit log on a real SQLite file: bounded submission records, Idempotency-Keys only as hashes. */
describe('audit log store', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'trm-auditlog-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const rejection = (index: number) => ({ index, errors: [{ path: '', code: 'required', message: 'missing required property "type"' }] });

  it('keeps the counts and the first 1,000 rejections of a submission', () => {
    const store = new AuditLogStore(join(dir, 'audit.sqlite'));
    store.recordSubmission({
      submissionId: 's1', keyId: 'k', channel: 'http', receivedAt: new Date(0).toISOString(), received: 5_000, accepted: 0, duplicates: 0,
      rejected: Array.from({ length: 5_000 }, (_, i) => rejection(i)),
    });
    const s = store.submission('s1')!;
    expect(s.rejected).toHaveLength(MAX_STORED_REJECTIONS);
    expect(s.rejected.at(-1)!.index).toBe(MAX_STORED_REJECTIONS - 1);
    expect(s.rejectedCount).toBe(5_000);
    expect(store.submissions({ limit: 10 })[0]).toMatchObject({ submissionId: 's1', rejectedCount: 5_000 });
    store.close();
  });

  it('a log written before hardening: raw Idempotency-Keys become hashes at open, and still find their submission', () => {
    const path = join(dir, 'audit.sqlite');
    const old = new Database(path);
    old.exec(`
      CREATE TABLE submissions (submission_id TEXT PRIMARY KEY, key_id TEXT NOT NULL, channel TEXT NOT NULL, received_at TEXT NOT NULL,
        received INTEGER NOT NULL, accepted INTEGER NOT NULL, duplicates INTEGER NOT NULL, rejected TEXT NOT NULL);
      CREATE TABLE idempotency (key_id TEXT NOT NULL, idempotency_key TEXT NOT NULL, body_sha256 TEXT NOT NULL, submission_id TEXT NOT NULL,
        PRIMARY KEY (key_id, idempotency_key));
      INSERT INTO submissions VALUES ('s0', 'k', 'http', '2025-01-01T00:00:00.000Z', 1, 1, 0, '[]');
      INSERT INTO idempotency VALUES ('k', 'Maria.Popescu.1990-01-18', 'abc', 's0');
    `);
    old.close();
    const store = new AuditLogStore(path);
    const hashed = createHash('sha256').update('idempotency-key:Maria.Popescu.1990-01-18').digest('hex');
    expect(store.idempotent('k', hashed, 'abc').submission).toMatchObject({ submissionId: 's0', rejectedCount: 0 });
    store.close();
    const raw = new Database(path);
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    expect(readFileSync(path).includes('Maria.Popescu')).toBe(false);
  });
});
