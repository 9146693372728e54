import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateOpenApiDocument } from '@trm/operations';
import { SERVER_FEATURES } from '../../apps/server/src/server.features';

/**
 * Writes docs/openapi.json, the server's OpenAPI document generated from the code (no store, no
 * warehouse: Nest's preview mode). `--check` writes nothing and fails when the file is stale.
 *   npm run openapi:render [-- --check]
 */
export const OPENAPI_FILE = join(__dirname, '../../docs/openapi.json');

export async function renderOpenApi(): Promise<string> {
  return `${JSON.stringify(await generateOpenApiDocument(SERVER_FEATURES), null, 2)}\n`;
}

if (require.main === module) {
  void renderOpenApi().then((text) => {
    if (process.argv.includes('--check')) {
      const committed = readFileSync(OPENAPI_FILE, 'utf8');
      if (committed !== text) {
        console.error('docs/openapi.json is stale: run npm run openapi:render');
        process.exit(1);
      }
      console.log('docs/openapi.json is up to date');
    } else {
      writeFileSync(OPENAPI_FILE, text);
      console.log(`wrote ${OPENAPI_FILE}`);
    }
  });
}
