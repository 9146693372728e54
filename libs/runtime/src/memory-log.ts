import { getHeapStatistics } from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';
import type { Warehouse } from '@trm/warehouse';

/**
 * A diagnostic for memory budgets (issue 18): every `everyMs`, one `trm-memory <json>` line on
 * stderr with this thread's V8 heap and, on the main thread, the process's resident memory and
 * chDB's own accounting (the engine's MemoryTracking and its caches). Off unless TRM_MEMORY_LOG_MS
 * is set; `npm run bench -- --grow` reads these lines. Returns the stop function.
 */
export function startMemoryLog(everyMs: number, warehouse?: Warehouse): () => void {
  if (everyMs <= 0) return () => undefined;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void sample(warehouse).then((line) => {
      process.stderr.write(`trm-memory ${JSON.stringify(line)}\n`);
    }, () => undefined).finally(() => (busy = false));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

async function sample(warehouse?: Warehouse): Promise<Record<string, unknown>> {
  const heap = getHeapStatistics();
  const line: Record<string, unknown> = {
    thread: isMainThread ? 'main' : `worker-${threadId}`,
    heapUsed: heap.used_heap_size, heapTotal: heap.total_heap_size, external: heap.external_memory,
    mallocedMemory: heap.malloced_memory,
  };
  if (!isMainThread) return line;
  const m = process.memoryUsage();
  line.rss = m.rss;
  line.arrayBuffers = m.arrayBuffers;
  if (warehouse?.engine === 'chdb') {
    try {
      line.chdb = await chdbMemory(warehouse);
    } catch (err) {
      line.chdbError = (err as Error).message.slice(0, 200);
    }
  }
  return line;
}

async function chdbMemory(warehouse: Warehouse): Promise<Record<string, number>> {
  const rows = await warehouse.query<{ metric: string; value: number }>(
    `SELECT metric, toFloat64(value) AS value FROM system.metrics
      WHERE metric IN ('MemoryTracking', 'MergesMutationsMemoryTracking', 'MarkCacheBytes', 'PrimaryIndexCacheBytes',
        'UncompressedCacheBytes', 'QueryConditionCacheBytes', 'IndexMarkCacheBytes')`,
  );
  const out: Record<string, number> = Object.fromEntries(rows.map((r) => [r.metric, r.value]));
  // The engine's allocator (jemalloc, inside libchdb): what it holds from the system beside what is in use.
  const [stats] = await warehouse.query<{ stats: string }>('SELECT stats FROM system.jemalloc_stats');
  const m = /Allocated: (\d+), active: (\d+), metadata: (\d+).*?resident: (\d+), mapped: (\d+), retained: (\d+)/.exec(stats?.stats ?? '');
  if (m) Object.assign(out, { jemallocAllocated: +m[1], jemallocActive: +m[2], jemallocResident: +m[4], jemallocMapped: +m[5], jemallocRetained: +m[6] });
  return out;
}
