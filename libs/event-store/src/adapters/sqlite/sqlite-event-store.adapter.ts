import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type {
  AppendResult, EventStore, RecordedEvent, StoredEventRef, StreamAppend,
} from '../../event-store.port';
import { EventIdConflictError } from '../../errors';
import { chainHash, GENESIS_HASH, globalChainHash } from '../../hashing';
import { eventKey, streamKey } from './keys';
import { SQLITE_COLUMNS, SQLITE_SCHEMA } from './sqlite-schema';
import { WalCheckpointer } from './wal-checkpointer';
import { checkExpected, rowToRecorded, rowToRecordedLight, type EventRow } from './sqlite-rows';

const LOOKUP_CHUNK = 256;

export interface SqliteEventStoreOptions {
  /** File path, or ':memory:'. */
  path: string;
  /** FULL (default) fsyncs the WAL at every commit: an acknowledged event survives power loss too. */
  synchronous?: 'FULL' | 'NORMAL';
  /** Page cache; the default keeps both random-key indexes of a few million events in memory. */
  cacheMiB?: number;
  /**
   * 'background' (default for a file): no checkpoint in a commit, PASSIVE checkpoints on a thread
   * of their own (wal-checkpointer.ts). 'sqlite': SQLite's automatic checkpoint in the commit that
   * crosses 1000 WAL pages (a read-only connection such as the projector's never commits anyway).
   */
  walCheckpoints?: 'background' | 'sqlite';
}

/** Embedded event store on one SQLite file (WAL). One writer per file: this process. */
export class SqliteEventStore implements EventStore {
  readonly name = 'sqlite';
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private lastPosition = 0;
  private lastGlobalHash = GENESIS_HASH;
  private readonly stmts;
  private readonly checkpointer?: WalCheckpointer;

  constructor(private readonly options: SqliteEventStoreOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma(`cache_size = -${(options.cacheMiB ?? 256) * 1024}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SQLITE_SCHEMA);
    if (options.path !== ':memory:' && (options.walCheckpoints ?? 'background') === 'background') {
      this.db.pragma('wal_autocheckpoint = 0');
      this.db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`); // a reset WAL is truncated to this
      this.checkpointer = new WalCheckpointer({
        path: options.path,
        synchronous: options.synchronous ?? 'FULL',
        onFailure: () => {
          if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
        },
      });
    }
    this.appended.setMaxListeners(0);
    this.stmts = {
      byEventKeys: this.db.prepare(
        `SELECT event_id, stream_id, position, revision, content_hash FROM events WHERE event_key IN (${Array(LOOKUP_CHUNK).fill('?').join(',')})`,
      ),
      streamHead: this.db.prepare(
        'SELECT revision, hash FROM events WHERE stream_key = ? AND stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      readStream: this.db.prepare(
        `SELECT ${SQLITE_COLUMNS} FROM events WHERE stream_key = ? AND stream_id = ? ORDER BY revision`,
      ),
      readAll: this.db.prepare(`SELECT ${SQLITE_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`),
      readAllLight: this.db.prepare(
        `SELECT position, stream_id, revision, event_id, type, data, recorded_at, submission_id, key_id, channel
           FROM events WHERE position > ? ORDER BY position LIMIT ?`,
      ),
      head: this.db.prepare('SELECT position, global_hash FROM events ORDER BY position DESC LIMIT 1'),
      insert: this.db.prepare(
        `INSERT INTO events (position, stream_id, stream_key, revision, event_id, event_key, type, data, recorded_at,
           submission_id, key_id, channel, content_hash, prev_hash, hash, global_hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    const head = this.stmts.head.get() as { position: number; global_hash: Buffer } | undefined;
    if (head) {
      this.lastPosition = head.position;
      this.lastGlobalHash = head.global_hash.toString('hex');
    }
  }

  /** The raw connection, for the audit verifier and tests that tamper with the file. */
  get database(): Database.Database {
    return this.db;
  }

  async append(batch: StreamAppend[]): Promise<AppendResult[]> {
    return this.appendSync(batch);
  }

  /** Stored events by id, looked up through the integer key in chunks (one prepared statement per LOOKUP_CHUNK ids, the last chunk padded). */
  private lookup(eventIds: readonly string[]): Map<string, StoredEventRef> {
    const found = new Map<string, StoredEventRef>();
    const ids = [...new Set(eventIds.map((id) => id.toLowerCase()))];
    for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
      const chunk = ids.slice(i, i + LOOKUP_CHUNK);
      const wanted = new Set(chunk);
      const keys = chunk.map(eventKey);
      while (keys.length < LOOKUP_CHUNK) keys.push(-1);
      const rows = this.stmts.byEventKeys.all(...keys) as {
        event_id: string; stream_id: string; position: number; revision: number; content_hash: Buffer;
      }[];
      for (const row of rows) {
        if (!wanted.has(row.event_id)) continue;
        found.set(row.event_id, {
          eventId: row.event_id, streamId: row.stream_id, position: row.position, revision: row.revision,
          contentHash: row.content_hash.toString('hex'),
        });
      }
    }
    return found;
  }

  private readonly appendSync = (batch: StreamAppend[]): AppendResult[] => {
    let position = this.lastPosition;
    let globalHash = this.lastGlobalHash;
    const run = this.db.transaction(() => {
      const stored = this.lookup(batch.flatMap((b) => b.events.map((e) => e.eventId)));
      const inBatch = new Map<string, string>();
      return batch.map(({ streamId, expected, events }): AppendResult => {
        const sKey = streamKey(streamId);
        const head = this.stmts.streamHead.get(sKey, streamId) as { revision: number; hash: Buffer } | undefined;
        let revision = head ? head.revision : -1;
        let prevHash = head ? head.hash.toString('hex') : GENESIS_HASH;
        const fresh = events.map((e) => {
          const id = e.eventId.toLowerCase();
          const earlier = stored.get(id);
          const seen = inBatch.get(id);
          if ((earlier && earlier.contentHash !== e.contentHash) || (seen && seen !== e.contentHash)) {
            throw new EventIdConflictError(e.eventId);
          }
          inBatch.set(id, e.contentHash);
          return earlier || seen ? undefined : e;
        });
        if (fresh.some((e) => e)) checkExpected(streamId, expected, revision);
        const positions = fresh.map((e) => {
          if (!e) return undefined;
          revision += 1;
          position += 1;
          const hash = chainHash(prevHash, { streamId, revision, eventId: e.eventId.toLowerCase(), type: e.type, contentHash: e.contentHash, metadata: e.metadata });
          globalHash = globalChainHash(globalHash, position, hash);
          const m = e.metadata;
          this.stmts.insert.run(
            position, streamId, sKey, revision, e.eventId.toLowerCase(), eventKey(e.eventId.toLowerCase()), e.type,
            e.dataJson ?? JSON.stringify(e.data), m.recordedAt, m.submissionId, m.keyId, m.channel,
            Buffer.from(e.contentHash, 'hex'), Buffer.from(prevHash, 'hex'), Buffer.from(hash, 'hex'),
            Buffer.from(globalHash, 'hex'),
          );
          prevHash = hash;
          return position;
        });
        return { streamId, revision, positions };
      });
    });
    const results = run();
    if (position > this.lastPosition) {
      this.lastPosition = position;
      this.lastGlobalHash = globalHash;
      this.appended.emit('appended', position);
    }
    return results;
  };

  async findByEventIds(eventIds: readonly string[]): Promise<Map<string, StoredEventRef>> {
    return this.lookup(eventIds);
  }

  async readStream(streamId: string): Promise<RecordedEvent[]> {
    return (this.stmts.readStream.all(streamKey(streamId), streamId) as EventRow[]).map(rowToRecorded);
  }

  async readAll(afterPosition: number, maxCount: number, options: { hashes?: boolean } = {}): Promise<RecordedEvent[]> {
    if (options.hashes === false) return (this.stmts.readAllLight.all(afterPosition, maxCount) as EventRow[]).map(rowToRecordedLight);
    return (this.stmts.readAll.all(afterPosition, maxCount) as EventRow[]).map(rowToRecorded);
  }

  async headPosition(): Promise<number> {
    return this.lastPosition;
  }

  waitForAppend(afterPosition: number, timeoutMs: number): Promise<void> {
    if (this.lastPosition > afterPosition) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.appended.on('appended', done);
    });
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
  }
}
