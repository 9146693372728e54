import { join } from 'node:path';
import { AuditLogStore } from '@trm/audit-log';
import { CatalogueRegistry } from '@trm/catalogue';
import { ensureDemoKeys, KeyRing } from '@trm/auth';
import type { DemoKeys } from '@trm/auth';
import type { TrmConfig } from '@trm/config';
import { getCatalogue } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { KurrentDbEventStore } from '@trm/event-store/adapters/kurrentdb/kurrentdb-event-store.adapter';
import { ClickHouseWarehouse } from '@trm/warehouse/adapters/clickhouse/clickhouse-warehouse.adapter';
import type { EventStore } from '@trm/event-store';
import { IngestPipeline, KafkaChannel, RecordEventsHandler } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { TrmMetrics } from '@trm/observability';
import { secureDataDir } from './data-dir';
import { pseudonymSecret } from './secrets';
import { storedEventUpcast } from './stored-event-upcast';
import { assertDataDirFree, assertKafkaReachable, dataDirInUse } from './startup';
import { WorkerBatchSource } from './worker-batch-source';
import { startMemoryLog } from './memory-log';
import { boundHeapGrowth } from './heap-growth';

export type RuntimeRole = 'ingest' | 'projector' | 'analytics';

/** Everything a process needs, built once from the configuration; Nest modules only expose it. */
export interface Runtime {
  config: TrmConfig;
  roles: RuntimeRole[];
  store: EventStore;
  warehouse: Warehouse;
  keys: KeyRing;
  demoKeys?: DemoKeys;
  pipeline: IngestPipeline;
  /** The published catalogue documents (the catalogue stream), read by ingest and the catalogue API. */
  catalogue: CatalogueRegistry;
  projector: ProjectorRunner;
  metrics: TrmMetrics;
  audit: AuditLogStore;
  /** The one submission handler, of both channels: Nest's command bus (HTTP) and the Kafka channel. */
  recordEvents: RecordEventsHandler;
  kafka?: KafkaChannel;
  now: () => Date;
  close(): Promise<void>;
}

export async function createEventStore(config: TrmConfig, role: 'writer' | 'reader' = 'writer'): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    return new KurrentDbEventStore({ connectionString: config.kurrentdbUrl! });
  }
  // A reader (the projector's worker) scans sequentially: a small page cache is enough.
  return new SqliteEventStore({
    path: join(config.dataDir, 'events.sqlite'),
    cacheMiB: role === 'reader' ? 16 : config.sqliteCacheMiB,
    walCheckpoints: role === 'reader' ? 'sqlite' : 'background', // the reader never commits; the writer's checkpointer serves both
  });
}

export async function createWarehouse(config: TrmConfig): Promise<Warehouse> {
  if (config.warehouse === 'clickhouse') {
    return new ClickHouseWarehouse({ url: config.clickhouseUrl!, username: config.clickhouseUser, password: config.clickhousePassword });
  }
  assertDataDirFree(config.dataDir);
  try {
    return new ChdbWarehouse(join(config.dataDir, 'warehouse'), { retainedFreeBytes: config.chdbRetainedFreeMiB * 1024 * 1024 });
  } catch (err) {
    // The engine's own lock won a race with the check above (or the pid in its status file was stale).
    if ((err as { code?: string }).code === 'CHDB_CONNECTION') throw dataDirInUse(config.dataDir);
    throw err;
  }
}

export interface RuntimeOptions {
  roles?: RuntimeRole[];
  now?: () => Date;
  /** false: no keys file configured means no keys (the command line), rather than demo keys. */
  demoKeys?: boolean;
}

export async function createRuntime(config: TrmConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const roles = options.roles ?? ['ingest', 'projector', 'analytics'];
  boundHeapGrowth(config.heapGrowingPercent);
  const now = options.now ?? (() => new Date());
  const kafkaOn = Boolean(config.kafkaBrokers && roles.includes('ingest'));
  // What can refuse a start is asked first, before any secret is generated into the data directory.
  if (kafkaOn) await assertKafkaReachable(config.kafkaBrokers!);
  secureDataDir(config.dataDir);
  const store = await createEventStore(config);
  const warehouse = await createWarehouse(config);
  await migrate(warehouse, config.warehouseDb);
  await loadCatalogue(warehouse, config.warehouseDb, getCatalogue()!);
  let demoKeys: DemoKeys | undefined;
  let keysFile = config.keysFile;
  if (!keysFile && options.demoKeys !== false) {
    demoKeys = ensureDemoKeys(config.dataDir);
    keysFile = demoKeys.path;
  }
  const keys = keysFile ? KeyRing.fromFile(keysFile) : new KeyRing([]);
  const metrics = new TrmMetrics();
  const secret = pseudonymSecret(config.dataDir, config.pseudonymSecret);
  const catalogue = new CatalogueRegistry(store, { now });
  const pipeline = new IngestPipeline(store, {
    pseudonymSecret: secret, now, catalogue, caseCacheCapacity: config.ingestCaseCache, prepThreads: roles.includes('ingest') ? config.ingestPrepThreads : 0,
  });
  // Every stored event is read through the upcasting step, so a future v2 needs no history rewrite.
  const projector = new ProjectorRunner(store, warehouse, {
    db: config.warehouseDb,
    upcast: storedEventUpcast(config),
    source: roles.includes('projector') && config.projectorWorker ? new WorkerBatchSource(config) : undefined,
    snapshotRows: config.snapshotRows,
    recordKeySecret: secret,
    // A replay's rebuild is transformed on a worker thread too (reading the store as above, under the same secret).
    replaySource: config.projectorWorker ? () => new WorkerBatchSource(config) : undefined,
  });
  // Only the projecting process repairs the warehouse after a crash; the others just read its checkpoint.
  if (roles.includes('projector')) {
    await projector.recover();
    projector.start();
  }
  const audit = new AuditLogStore(join(config.dataDir, 'audit.sqlite'));
  const recordEvents = new RecordEventsHandler(pipeline, audit, metrics);
  let kafka: KafkaChannel | undefined;
  if (kafkaOn) {
    kafka = new KafkaChannel(recordEvents, { brokers: config.kafkaBrokers!, countries: config.kafkaCountries, groupId: config.kafkaGroupId });
    await kafka.start();
  }
  const stopMemoryLog = startMemoryLog(config.memoryLogMs, warehouse);
  return {
    config, roles, store, warehouse, keys, demoKeys, pipeline, catalogue, projector, metrics, audit, recordEvents, kafka, now,
    async close() {
      stopMemoryLog();
      await kafka?.stop();
      await pipeline.close();
      await projector.close();
      audit.close();
      await warehouse.close();
      await store.close();
    },
  };
}
