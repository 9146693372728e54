import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { caseHistory, ReplayService, verifyEventStore } from '@trm/audit';
import { isStartupError, loadConfig } from '@trm/config';
import { pseudonymousCaseId } from '@trm/domain';
import { CliResources } from './cli-resources';
import { progressLine } from './progress';

const USAGE = `TRM Monitor command line — works against the configured stores (same environment as the service).

  npm run cli -- verify                         check the event store's hash chains
  npm run cli -- replay [--swap] [--keep]       rebuild the warehouse beside the live one and compare every indicator
  npm run cli -- export case <caseId> [--out F] a case history as JSON
  npm run cli -- export submission <id> [--out F]
  npm run cli -- lookup <country> <caseRef>     the pseudonymous caseId

Exit code 0 when the check passes, 1 when it finds a problem, 2 on bad usage.
verify, export and lookup only read the event store and the audit log: they may run beside the service.
replay opens the warehouse: stop the service on the same embedded data directory first (chDB allows one process).`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flag = (name: string) => rest.includes(`--${name}`);
  const option = (name: string) => { const i = rest.indexOf(`--${name}`); return i >= 0 ? rest[i + 1] : undefined; };
  const positional = rest.filter((a, i) => !a.startsWith('--') && !(i > 0 && rest[i - 1] === '--out'));
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig({ ...process.env, TRM_DEMO: '0' });
  const res = new CliResources(config);
  /** JSON to stdout, or to --out with one line saying where it went (and what). */
  const emit = (value: unknown, what: string) => {
    const text = JSON.stringify(value, null, 2);
    const out = option('out');
    if (!out) { console.log(text); return; }
    writeFileSync(out, text + '\n');
    console.log(`wrote ${what} to ${out}`);
  };
  try {
    switch (command) {
      case 'verify': {
        const progress = progressLine();
        const result = await verifyEventStore(await res.store(), (n) => progress.update(`checked ${n} events`));
        progress.done();
        emit(result, `the verification of ${result.checked} events (${result.ok ? 'ok' : 'PROBLEMS FOUND'})`);
        return result.ok ? 0 : 1;
      }
      case 'replay': {
        const runtime = await res.runtime();
        await runtime.projector.catchUp();
        const replay = new ReplayService(runtime.store, runtime.warehouse, config.warehouseDb, runtime.projector);
        const progress = progressLine();
        const timer = setInterval(() => { const p = replay.progress(); progress.update(`${p.phase} ${p.replayed}/${p.total}`); }, 500);
        const result = await replay.run({ swap: flag('swap'), keep: flag('keep') });
        clearInterval(timer);
        progress.done();
        emit(result, `the replay of ${result.replayed} events (${result.ok ? 'no difference' : 'DIFFERENCES FOUND'})`);
        return result.ok ? 0 : 1;
      }
      case 'export': {
        const [what, id] = positional;
        if (what === 'case' && id) {
          const events = await caseHistory(await res.store(), id);
          if (!events.length) { console.error(`no case ${id}`); return 1; }
          emit({ caseId: id, exportedAt: new Date().toISOString(), events }, `case ${id} (${events.length} events)`);
          return 0;
        }
        if (what === 'submission' && id) {
          const s = res.audit().submission(id);
          if (!s) { console.error(`no submission ${id}`); return 1; }
          emit(s, `submission ${id}`);
          return 0;
        }
        console.error(USAGE);
        return 2;
      }
      case 'lookup': {
        const [country, caseRef] = positional;
        if (!country || !caseRef) { console.error(USAGE); return 2; }
        emit({ country, caseId: pseudonymousCaseId(res.pseudonymSecret(), country, caseRef) }, `the case id of ${country} ${caseRef}`);
        return 0;
      }
      default:
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } finally {
    res.audit().logAccess({ keyId: 'cli', role: 'admin', action: `cli.${command}`, target: positional.join(' ') || '*' });
    await res.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(isStartupError(err) ? err.message : err);
    process.exit(1);
  },
);
