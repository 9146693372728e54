import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const ROLES = ['submitter', 'rapporteur', 'manager', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface ApiKey {
  id: string;
  role: Role;
  /** Country codes, or ['*'] for all. */
  countries: string[];
}

interface KeyFileEntry extends ApiKey {
  secretSha256: string;
}

export function sha256Hex(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function coversCountry(key: ApiKey, country: string): boolean {
  return key.countries.includes('*') || key.countries.includes(country);
}

/** Keys of CONTRACT.md §4, looked up by the sha-256 of the presented secret. */
export class KeyRing {
  private readonly bySecretHash = new Map<string, ApiKey>();

  constructor(entries: KeyFileEntry[]) {
    const problems: string[] = [];
    entries.forEach((e, i) => {
      if (!e || typeof e.id !== 'string' || !e.id) problems.push(`entry ${i}: id missing`);
      if (!/^[0-9a-f]{64}$/.test(e?.secretSha256 ?? '')) problems.push(`entry ${i}: secretSha256 must be 64 hex digits`);
      if (!ROLES.includes(e?.role)) problems.push(`entry ${i}: role must be one of ${ROLES.join(', ')}`);
      if (!Array.isArray(e?.countries) || e.countries.length === 0) problems.push(`entry ${i}: countries must be a non-empty array`);
    });
    if (problems.length) throw new Error(`invalid keys file: ${problems.join('; ')}`);
    for (const e of entries) this.bySecretHash.set(e.secretSha256, { id: e.id, role: e.role, countries: e.countries });
  }

  static fromFile(path: string): KeyRing {
    return new KeyRing(JSON.parse(readFileSync(path, 'utf8')));
  }

  authenticate(secret: string | undefined): ApiKey | undefined {
    if (!secret) return undefined;
    return this.bySecretHash.get(sha256Hex(secret));
  }

  get size(): number {
    return this.bySecretHash.size;
  }
}

export interface DemoKeys {
  path: string;
  /** Present only when the file was created now: the secrets are printed once and never stored. */
  secrets?: { id: string; role: Role; countries: string[]; secret: string }[];
}

/** With no keys file configured, the embedded service creates demo keys in the data directory. */
export function ensureDemoKeys(dataDir: string): DemoKeys {
  const path = join(dataDir, 'keys.json');
  if (existsSync(path)) return { path };
  const specs: { id: string; role: Role; countries: string[] }[] = [
    { id: 'demo-admin', role: 'admin', countries: ['*'] },
    { id: 'demo-auditor', role: 'auditor', countries: ['*'] },
    { id: 'demo-manager', role: 'manager', countries: ['*'] },
    { id: 'demo-rapporteur-bg', role: 'rapporteur', countries: ['BG'] },
    { id: 'demo-rapporteur-it', role: 'rapporteur', countries: ['IT'] },
    { id: 'demo-submitter', role: 'submitter', countries: ['*'] },
  ];
  const secrets = specs.map((s) => ({ ...s, secret: `trm_${s.id}_${randomBytes(18).toString('base64url')}` }));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(
    path,
    JSON.stringify(secrets.map(({ secret, ...k }) => ({ ...k, secretSha256: sha256Hex(secret) })), null, 2),
    { mode: 0o600 },
  );
  return { path, secrets };
}
