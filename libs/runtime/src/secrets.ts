import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The pseudonymisation secret (CONTRACT.md §5): TRM_PSEUDONYM_SECRET, or — embedded default —
 * generated into the data directory on first start and kept, so case ids stay stable.
 */
export function pseudonymSecret(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const path = join(dataDir, 'pseudonym.secret');
  if (existsSync(path)) return readFileSync(path, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(path, secret + '\n', { mode: 0o600 });
  return secret;
}
