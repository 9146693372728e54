import { join } from 'node:path';
import { AuditLogStore } from '@trm/audit';
import { ensureDemoKeys, KeyRing } from '@trm/auth';
import type { DemoKeys } from '@trm/auth';
import type { TrmConfig } from '@trm/config';
import { getCatalogue, upcast } from '@trm/domain';
import type { RawEvent } from '@trm/domain';
import { SqliteEventStore } from '@trm/event-store';
import { KurrentDbEventStore } from '@trm/event-store/adapters/kurrentdb/kurrentdb-event-store.adapter';
import { ClickHouseWarehouse } from '@trm/warehouse/adapters/clickhouse/clickhouse-warehouse.adapter';
import type { EventStore } from '@trm/event-store';
import { IngestPipeline, KafkaChannel } from '@trm/ingest';
import { ProjectorRunner } from '@trm/projections';
import { ChdbWarehouse, loadCatalogue, migrate } from '@trm/warehouse';
import type { Warehouse } from '@trm/warehouse';
import { TrmMetrics } from './metrics';
import { pseudonymSecret } from './secrets';
import { WorkerBatchSource } from './worker-batch-source';

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
  projector: ProjectorRunner;
  metrics: TrmMetrics;
  audit: AuditLogStore;
  kafka?: KafkaChannel;
  now: () => Date;
  close(): Promise<void>;
}

export async function createEventStore(config: TrmConfig, role: 'writer' | 'reader' = 'writer'): Promise<EventStore> {
  if (config.eventStore === 'kurrentdb') {
    return new KurrentDbEventStore({ connectionString: config.kurrentdbUrl! });
  }
  // A reader (the projector's worker) scans sequentially: a small page cache is enough.
  return new SqliteEventStore({ path: join(config.dataDir, 'events.sqlite'), cacheMiB: role === 'reader' ? 16 : 256 });
}

export async function createWarehouse(config: TrmConfig): Promise<Warehouse> {
  if (config.warehouse === 'clickhouse') {
    return new ClickHouseWarehouse({ url: config.clickhouseUrl!, username: config.clickhouseUser, password: config.clickhousePassword });
  }
  return new ChdbWarehouse(join(config.dataDir, 'warehouse'));
}

export interface RuntimeOptions {
  roles?: RuntimeRole[];
  now?: () => Date;
}

export async function createRuntime(config: TrmConfig, options: RuntimeOptions = {}): Promise<Runtime> {
  const roles = options.roles ?? ['ingest', 'projector', 'analytics'];
  const now = options.now ?? (() => new Date());
  let demoKeys: DemoKeys | undefined;
  let keysFile = config.keysFile;
  if (!keysFile) {
    demoKeys = ensureDemoKeys(config.dataDir);
    keysFile = demoKeys.path;
  }
  const keys = KeyRing.fromFile(keysFile);
  const store = await createEventStore(config);
  const warehouse = await createWarehouse(config);
  await migrate(warehouse, config.warehouseDb);
  await loadCatalogue(warehouse, config.warehouseDb, getCatalogue()!);
  const metrics = new TrmMetrics();
  const secret = pseudonymSecret(config.dataDir, config.pseudonymSecret);
  const pipeline = new IngestPipeline(store, { pseudonymSecret: secret, now });
  // Every stored event is read through the upcasting step, so a future v2 needs no history rewrite.
  const projector = new ProjectorRunner(store, warehouse, {
    db: config.warehouseDb,
    upcast: (d) => upcast(d as unknown as RawEvent) as unknown as Record<string, unknown>,
    source: roles.includes('projector') && config.projectorWorker ? new WorkerBatchSource(config) : undefined,
    snapshotRows: config.snapshotRows,
    recordKeySecret: secret,
  });
  // Only the projecting process repairs the warehouse after a crash; the others just read its checkpoint.
  if (roles.includes('projector')) {
    await projector.recover();
    projector.start();
  }
  const audit = new AuditLogStore(join(config.dataDir, 'audit.sqlite'));
  let kafka: KafkaChannel | undefined;
  if (config.kafkaBrokers && roles.includes('ingest')) {
    kafka = new KafkaChannel(pipeline, {
      brokers: config.kafkaBrokers, countries: config.kafkaCountries, groupId: config.kafkaGroupId,
      onSubmission: (result, topic, receivedAt) => {
        audit.recordSubmission({ ...result, keyId: `kafka:${topic}`, channel: 'kafka', receivedAt: receivedAt.toISOString() });
        metrics.recordSubmission('kafka', result);
      },
    });
    await kafka.start();
  }
  return {
    config, roles, store, warehouse, keys, demoKeys, pipeline, projector, metrics, audit, kafka, now,
    async close() {
      await kafka?.stop();
      await projector.close();
      audit.close();
      await warehouse.close();
      await store.close();
    },
  };
}
