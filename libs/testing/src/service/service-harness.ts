import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sha256Hex } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { loadConfig } from '@trm/config';
import { AuditModule } from '@trm/audit';
import { IndicatorsModule } from '@trm/indicators';
import { IngestModule } from '@trm/ingest';
import { createHttpApp, OperationsModule } from '@trm/operations';
import { createRuntime } from '@trm/runtime';
import type { Runtime, RuntimeOptions } from '@trm/runtime';

/** Test keys: the secret is the id, so a test reads as `auth('manager')`. */
export const TEST_KEYS: ApiKey[] = [
  { id: 'admin', role: 'admin', countries: ['*'] },
  { id: 'auditor', role: 'auditor', countries: ['*'] },
  { id: 'manager', role: 'manager', countries: ['*'] },
  { id: 'rapporteur-bg', role: 'rapporteur', countries: ['BG'] },
  { id: 'rapporteur-it', role: 'rapporteur', countries: ['IT'] },
  { id: 'submitter', role: 'submitter', countries: ['*'] },
  { id: 'submitter-bg', role: 'submitter', countries: ['BG'] },
];

export interface ServiceHarness {
  url: string;
  dataDir: string;
  runtime: Runtime;
  app: NestFastifyApplication;
  auth(keyId: string): { authorization: string };
  /** Stops the service; the data directory stays unless `wipe`. */
  close(wipe?: boolean): Promise<void>;
}

export function writeTestKeys(dataDir: string): string {
  const path = join(dataDir, 'test-keys.json');
  writeFileSync(path, JSON.stringify(TEST_KEYS.map((k) => ({ ...k, secretSha256: sha256Hex(`secret-${k.id}`) }))));
  return path;
}

/** The real service (SQLite + chDB, real HTTP on a free port) in this process, on a fresh data directory. */
export async function startService(
  options: { dataDir?: string; env?: Record<string, string>; modules?: unknown[] } & RuntimeOptions = {},
): Promise<ServiceHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'trm-svc-'));
  const config = loadConfig({
    TRM_DATA_DIR: dataDir, TRM_DEMO: '0', PORT: '0', TRM_KEYS_FILE: writeTestKeys(dataDir), TRM_LOG_LEVEL: 'error',
    ...options.env,
  });
  const runtime = await createRuntime(config, options);
  const app = await createHttpApp(runtime, (options.modules as never[]) ?? [IngestModule, IndicatorsModule, AuditModule, OperationsModule]);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}`,
    dataDir,
    runtime,
    app,
    auth: (keyId) => ({ authorization: `Bearer secret-${keyId}` }),
    async close(wipe = false) {
      await app.close();
      await runtime.close();
      if (wipe) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
