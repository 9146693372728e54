// The projector's read-and-transform half, on its own thread: reading the event store and
// writing JSON row text is CPU work that would otherwise compete with ingest on the main
// thread. The main thread only hands the payloads to the warehouse (whose insert runs natively).
import { parentPort, workerData } from 'node:worker_threads';
import { upcast } from '@trm/domain';
import type { RawEvent } from '@trm/domain';
import type { TrmConfig } from '@trm/config';
import { InThreadBatchSource } from '@trm/projections';
import { createEventStore } from './runtime';

interface Request {
  id: number;
  after: number;
  max: number;
}

async function main(): Promise<void> {
  const store = await createEventStore(workerData.config as TrmConfig, 'reader');
  const source = new InThreadBatchSource(store, (d) => upcast(d as unknown as RawEvent) as unknown as Record<string, unknown>);
  parentPort!.on('message', async (msg: Request | 'close') => {
    if (msg === 'close') {
      await store.close();
      process.exit(0);
    }
    try {
      parentPort!.postMessage({ id: msg.id, batch: await source.next(msg.after, msg.max) });
    } catch (err) {
      parentPort!.postMessage({ id: msg.id, error: (err as Error).message });
    }
  });
  parentPort!.postMessage({ ready: true });
}

void main();
