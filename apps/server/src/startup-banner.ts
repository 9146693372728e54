import type { DemoKeys } from '@trm/auth';

/** The demo secrets are shown once, at the start that created them, and stored nowhere. */
export function printDemoKeys(keys: DemoKeys): void {
  const lines = [
    '',
    '  No TRM_KEYS_FILE was set: demo API keys were created in ' + keys.path,
    '  Their secrets are printed this once and are not stored anywhere — keep them:',
    ...(keys.secrets ?? []).map((k) => `    ${k.role.padEnd(10)} ${k.countries.join(',').padEnd(4)} ${k.secret}`),
    '  Use one as: Authorization: Bearer <secret>  (or in the dashboards\' "API key" field)',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * At every later start, where the keys are and how to get new ones: only their hashes are stored,
 * so a lost secret cannot be shown again — deleting the file makes the next start create new keys.
 */
export function printDemoKeysHint(keys: DemoKeys): void {
  process.stdout.write([
    '',
    `  Demo API keys: ${keys.path} (their secrets were printed at the start that created them).`,
    `  Lost them? Stop the service, delete ${keys.path} and start again: new keys are created and printed.`,
    '',
  ].join('\n') + '\n');
}
