import { resolve } from 'node:path';
import { TRM_COUNTRIES } from '@trm/domain';
import { StartupError } from './startup-error';

export interface TrmConfig {
  port: number;
  host: string;
  dataDir: string;
  eventStore: 'sqlite' | 'kurrentdb';
  kurrentdbUrl?: string;
  warehouse: 'chdb' | 'clickhouse';
  clickhouseUrl?: string;
  clickhouseUser?: string;
  clickhousePassword?: string;
  warehouseDb: string;
  kafkaBrokers?: string[];
  /** Countries whose Kafka input topics are created and consumed. */
  kafkaCountries: string[];
  kafkaGroupId: string;
  keysFile?: string;
  pseudonymSecret?: string;
  demo: boolean;
  demoCases: number;
  suppressionK: number;
  /** Run the projector's read-and-transform step on a worker thread (off the ingest thread). */
  projectorWorker: boolean;
  /** Nice value of the projector's worker thread (Linux): background work yields the cores to ingest and queries. */
  projectorNice: number;
  /** Snapshot the signed case views after this many of their rows (0: never). */
  snapshotRows: number;
  maxBodyBytes: number;
  maxEventsPerRequest: number;
  /** Submissions (POST /v1/events) one key may make per minute. */
  rateLimitSubmissions: number;
  /** Other requests (reads, audit actions) one key may make per minute. */
  rateLimitReads: number;
  logLevel: 'error' | 'warn' | 'log' | 'debug';
  /** A diagnostic: every this many ms, one `trm-memory` JSON line on stderr per thread (0: never, the default). */
  memoryLogMs: number;
  /** The event store writer's SQLite page cache, MiB. */
  sqliteCacheMiB: number;
  /** Cases whose fold the projector worker holds (~8 KB each on demo cases); others are folded again from their streams. */
  projectorCaseCache: number;
  /** Threads that parse and prepare submitted HTTP bodies beside the thread that appends (0: on that thread). */
  ingestPrepThreads: number;
  /** Cases whose folded state the ingest thread holds (~3.2 KB each on demo cases); others are read again from their streams. */
  ingestCaseCache: number;
  /** V8's old generations grow by at most this percentage past what a full GC kept (0: V8's own choice, up to 300 %). */
  heapGrowingPercent: number;
  /** Freed memory chDB's allocator may keep before its memory worker returns it to the system, MiB. */
  chdbRetainedFreeMiB: number;
}

export const CONFIG = Symbol('TRM_CONFIG');

/** A topic per TRM country (CATALOGUE.md) unless TRM_KAFKA_COUNTRIES says otherwise. */
const DEFAULT_KAFKA_COUNTRIES = TRM_COUNTRIES.join(',');

export class ConfigError extends StartupError {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function int(env: NodeJS.ProcessEnv, name: string, dflt: number, min: number, problems: string[], max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be an integer ${max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `from ${min} to ${max}`} (got "${raw}")`);
    return dflt;
  }
  return n;
}

function oneOf<T extends string>(env: NodeJS.ProcessEnv, name: string, allowed: readonly T[], dflt: T, problems: string[]): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return dflt;
  if (!allowed.includes(raw as T)) problems.push(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  return (allowed.includes(raw as T) ? raw : dflt) as T;
}

/** Parses the environment once (CONTRACT.md §6), failing fast with every bad variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TrmConfig {
  const problems: string[] = [];
  const eventStore = oneOf(env, 'TRM_EVENT_STORE', ['sqlite', 'kurrentdb'] as const, 'sqlite', problems);
  const warehouse = oneOf(env, 'TRM_WAREHOUSE', ['chdb', 'clickhouse'] as const, 'chdb', problems);
  if (eventStore === 'kurrentdb' && !env.KURRENTDB_URL) problems.push('TRM_EVENT_STORE=kurrentdb needs KURRENTDB_URL');
  if (warehouse === 'clickhouse' && !env.CLICKHOUSE_URL) problems.push('TRM_WAREHOUSE=clickhouse needs CLICKHOUSE_URL');
  const demoRaw = env.TRM_DEMO ?? '1';
  if (!['0', '1', 'true', 'false'].includes(demoRaw)) problems.push(`TRM_DEMO must be 0 or 1 (got "${demoRaw}")`);
  const config: TrmConfig = {
    // 0 asks the system for any free port (the tests' in-process services use it).
    port: int(env, 'PORT', 3000, 0, problems, 65_535),
    host: env.HOST || '127.0.0.1',
    dataDir: resolve(env.TRM_DATA_DIR || './data'),
    eventStore,
    kurrentdbUrl: env.KURRENTDB_URL || undefined,
    warehouse,
    clickhouseUrl: env.CLICKHOUSE_URL || undefined,
    clickhouseUser: env.CLICKHOUSE_USER || undefined,
    clickhousePassword: env.CLICKHOUSE_PASSWORD || undefined,
    warehouseDb: env.TRM_WAREHOUSE_DB || 'trm',
    kafkaBrokers: env.TRM_KAFKA_BROKERS ? env.TRM_KAFKA_BROKERS.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
    kafkaCountries: (env.TRM_KAFKA_COUNTRIES || DEFAULT_KAFKA_COUNTRIES).split(',').map((s) => s.trim().toUpperCase()).filter(Boolean),
    kafkaGroupId: env.TRM_KAFKA_GROUP_ID || 'trm-ingest',
    keysFile: env.TRM_KEYS_FILE || undefined,
    pseudonymSecret: env.TRM_PSEUDONYM_SECRET || undefined,
    demo: demoRaw === '1' || demoRaw === 'true',
    demoCases: int(env, 'TRM_DEMO_CASES', 3000, 1, problems),
    suppressionK: int(env, 'TRM_SUPPRESSION_K', 5, 1, problems),
    // Worker threads need a TypeScript loader in their execArgv (npm start has one; Jest has not).
    projectorWorker: (env.TRM_PROJECTOR_WORKER ?? (process.execArgv.some((a) => a.includes('swc-node')) ? '1' : '0')) === '1',
    projectorNice: int(env, 'TRM_PROJECTOR_NICE', 10, 0, problems, 19),
    snapshotRows: int(env, 'TRM_SNAPSHOT_ROWS', 100_000, 0, problems),
    maxBodyBytes: int(env, 'TRM_MAX_BODY_BYTES', 50 * 1024 * 1024, 1, problems),
    maxEventsPerRequest: int(env, 'TRM_MAX_EVENTS_PER_REQUEST', 200_000, 1, problems),
    // A national bulk upload of 10,000 events a request at 10k events/s is 60 requests a minute;
    // a dashboard page load is 10 to 30 reads.
    rateLimitSubmissions: int(env, 'TRM_RATE_LIMIT_SUBMISSIONS', 600, 1, problems),
    rateLimitReads: int(env, 'TRM_RATE_LIMIT_READS', 1_200, 1, problems),
    logLevel: oneOf(env, 'TRM_LOG_LEVEL', ['error', 'warn', 'log', 'debug'] as const, 'log', problems),
    memoryLogMs: int(env, 'TRM_MEMORY_LOG_MS', 0, 0, problems),
    sqliteCacheMiB: int(env, 'TRM_SQLITE_CACHE_MIB', 128, 2, problems),
    // 0 on the 2-core reference machine (`npm run bench -- --events 200000 --ingest-only`, two pairs back to back):
    // one preparation thread took the appending thread from ~71 to ~51 µs/event and made the projector
    // visible sooner (sustained 8.3k → 9.2k/s, 6.8 → 4.2 s), but cost more CPU per event in all, a few
    // % of the burst, and 125–230 MB of peak RSS (issue 18). With more cores, set 1 or more.
    ingestPrepThreads: int(env, 'TRM_INGEST_PREP_THREADS', 0, 0, problems, 16),
    // Folds are ~8 KB (projector) and ~3.2 KB (ingest) each. The demo mix of bench's 1M events
    // (76k cases) refolds 0.57 % of its events through an LRU of 25,000 (0.01 % at 50,000, 1.5 % at
    // 20,000); 25,000 in both took 280–290 MB off the peak of `npm run bench` at 1M events (issue 18).
    projectorCaseCache: int(env, 'TRM_PROJECTOR_CASE_CACHE', 25_000, 1, problems),
    ingestCaseCache: int(env, 'TRM_INGEST_CASE_CACHE', 25_000, 1, problems),
    // 50 took ~180 MB off the main thread's heap at 1M events, but not the process's peak (set later by the worker's heap and the
    // snapshot build: VmHWM 1,941 against 1,960 MB) for ~6 % more CPU per event (issue 18): off unless set.
    heapGrowingPercent: int(env, 'TRM_HEAP_GROWING_PERCENT', 0, 0, problems, 300),
    chdbRetainedFreeMiB: int(env, 'TRM_CHDB_RETAINED_FREE_MIB', 128, 1, problems),
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}
