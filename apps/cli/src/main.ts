import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { caseHistory, ReplayService, verifyEventStore } from '@trm/audit';
import { ConfigError, loadConfig } from '@trm/config';
import { createRuntime } from '@trm/runtime';

const USAGE = `TRM Monitor command line — works against the configured stores (same environment as the service).

  npm run cli -- verify                         check the event store's hash chains
  npm run cli -- replay [--swap] [--keep]       rebuild the warehouse beside the live one and compare every indicator
  npm run cli -- export case <caseId> [--out F] a case history as JSON
  npm run cli -- export submission <id> [--out F]
  npm run cli -- lookup <country> <caseRef>     the pseudonymous caseId

Exit code 0 when the check passes, 1 when it finds a problem, 2 on bad usage.
The service must not run on the same embedded data directory at the same time (chDB allows one process).`;

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
  const runtime = await createRuntime(config, { roles: command === 'replay' ? ['projector'] : [] });
  const emit = (value: unknown) => {
    const text = JSON.stringify(value, null, 2);
    const out = option('out');
    if (out) writeFileSync(out, text + '\n');
    else console.log(text);
  };
  try {
    switch (command) {
      case 'verify': {
        const result = await verifyEventStore(runtime.store, (n) => process.stderr.write(`\rchecked ${n}`));
        process.stderr.write('\n');
        emit(result);
        return result.ok ? 0 : 1;
      }
      case 'replay': {
        await runtime.projector.catchUp();
        const replay = new ReplayService(runtime.store, runtime.warehouse, config.warehouseDb, runtime.projector);
        const timer = setInterval(() => { const p = replay.progress(); process.stderr.write(`\r${p.phase} ${p.replayed}/${p.total}`); }, 500);
        const result = await replay.run({ swap: flag('swap'), keep: flag('keep') });
        clearInterval(timer);
        process.stderr.write('\n');
        emit(result);
        return result.ok ? 0 : 1;
      }
      case 'export': {
        const [what, id] = positional;
        if (what === 'case' && id) {
          const events = await caseHistory(runtime.store, id);
          if (!events.length) { console.error(`no case ${id}`); return 1; }
          emit({ caseId: id, exportedAt: new Date().toISOString(), events });
          return 0;
        }
        if (what === 'submission' && id) {
          const s = runtime.audit.submission(id);
          if (!s) { console.error(`no submission ${id}`); return 1; }
          emit(s);
          return 0;
        }
        console.error(USAGE);
        return 2;
      }
      case 'lookup': {
        const [country, caseRef] = positional;
        if (!country || !caseRef) { console.error(USAGE); return 2; }
        emit({ country, caseId: runtime.pipeline.caseIdOf(country, caseRef) });
        return 0;
      }
      default:
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } finally {
    runtime.audit.logAccess({ keyId: 'cli', role: 'admin', action: `cli.${command}`, target: positional.join(' ') || '*' });
    await runtime.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
