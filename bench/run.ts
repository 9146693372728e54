import { cpus } from 'node:os';
import { arg, flag } from './util';
import { auditBench } from './audit.bench';
import { chdbConcurrencyBench } from './chdb-concurrency.bench';
import { indicatorsBench } from './indicators.bench';
import { ingestBench } from './ingest.bench';
import { kafkaBench } from './kafka.bench';
import { stallsBench } from './stalls.bench';
import { storeBench } from './store.bench';
import { hashingBench } from './hashing.bench';
import { rebuildBench } from './rebuild.bench';
import { growBench } from './grow.bench';

/**
 * npm run bench [-- --events 1000000 --concurrency 2 --chunk 20000 --transform-ab --ingest-only]
 *               [-- --indicators --cases 500000 --data DIR --key auditor|manager|rapporteur-bg [--catalogue]] [-- --kafka --kafka-events 200000]
 *               [-- --stalls --data DIR [--key auditor|manager] [--rate 2000]] [-- --chdb-concurrency --chdb-rows 4000000]
 *               [-- --store --store-events 200000] [-- --hashing --hashing-events 100000]
 *               [-- --grow --grow-events 5000000 --grow-slice 500000]
 *               [-- --rebuild --rebuild-events 300000 [--rebuild-data DIR]]
 * Prints figures; asserts nothing. Stages: ingest (default), indicators, stalls, chdb-concurrency, kafka, audit, store, hashing, rebuild, grow.
 */
async function main(): Promise<void> {
  const only = ['ingest', 'indicators', 'kafka', 'audit', 'store', 'hashing', 'stalls', 'chdb-concurrency', 'rebuild', 'grow'].filter((s) => flag(s));
  const stages = only.length ? only : ['ingest'];
  console.log(`TRM Monitor benchmark — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} cores`);
  if (stages.includes('ingest')) {
    // --ingest-only: stop after the HTTP ingest figures (no rebuild, no replay).
    await ingestBench(Number(arg('events', '1000000')), Number(arg('concurrency', '2')), Number(arg('chunk', '20000')), flag('transform-ab'), flag('ingest-only'));
  }
  if (stages.includes('indicators')) {
    // --key manager: the same figures under disclosure control (cell keys, perturbation, coarse time).
    await indicatorsBench(Number(arg('cases', '500000')), arg('data', ''), Number(arg('repeat', '15')), arg('key', 'auditor'), flag('catalogue'));
  }
  if (stages.includes('stalls')) {
    // On a COPY of a data directory such as the indicators stage's: it receives new events and a snapshot.
    await stallsBench(arg('data', ''), arg('key', 'auditor'), Number(arg('rate', '2000')), Number(arg('warm', '30')), Number(arg('after', '60')));
  }
  if (stages.includes('chdb-concurrency')) {
    await chdbConcurrencyBench(Number(arg('chdb-rows', '4000000')));
  }
  if (stages.includes('kafka')) {
    await kafkaBench(Number(arg('kafka-events', '200000')));
  }
  if (stages.includes('store')) {
    await storeBench(Number(arg('store-events', '200000')));
  }
  if (stages.includes('hashing')) {
    await hashingBench(Number(arg('hashing-events', '100000')));
  }
  if (stages.includes('rebuild')) {
    // The projector alone on one store built once: transform, inserts, rebuild (CPU and wall).
    await rebuildBench(Number(arg('rebuild-events', '300000')), arg('rebuild-data', ''));
  }
  if (stages.includes('grow')) {
    await growBench(Number(arg('grow-events', '5000000')), Number(arg('grow-slice', '500000')), Number(arg('chunk', '10000')));
  }
  if (stages.includes('audit')) {
    await auditBench(Number(arg('audit-events', '1000000')));
  }
}

main().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
