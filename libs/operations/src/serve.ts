import { Logger } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { ConfigError, loadConfig } from '@trm/config';
import { createRuntime } from '@trm/runtime';
import type { Runtime, RuntimeRole } from '@trm/runtime';
import { createHttpApp } from './http-app';

/** Starts one deployable: the runtime for its roles and the HTTP modules it serves. */
export async function serve(
  name: string,
  roles: RuntimeRole[],
  features: (Type | DynamicModule)[],
  afterListen?: (runtime: Runtime) => Promise<void>,
): Promise<void> {
  const logger = new Logger(name);
  try {
    const config = loadConfig();
    const runtime = await createRuntime(config, { roles });
    const app = await createHttpApp(runtime, features);
    app.getHttpAdapter().getInstance().addHook('onClose', async () => runtime.close());
    await app.listen(config.port, config.host);
    logger.log(`${name} listening on http://${config.host}:${config.port} (roles ${roles.join(', ')}; event store ${runtime.store.name}, warehouse ${runtime.warehouse.engine}${runtime.kafka ? ', kafka on' : ''})`);
    await afterListen?.(runtime);
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  }
}
