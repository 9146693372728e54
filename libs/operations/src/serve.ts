import { Logger } from '@nestjs/common';
import type { DynamicModule, Type } from '@nestjs/common';
import { isStartupError, loadConfig } from '@trm/config';
import { assertPortFree, createRuntime, FirstStartFiles, portProblem } from '@trm/runtime';
import type { Runtime, RuntimeRole } from '@trm/runtime';
import { createHttpApp } from './http-app';

/**
 * Starts one deployable: the runtime for its roles and the HTTP modules it serves. A start that
 * fails leaves the data directory as it found it (no unseen key secrets) and says why in one
 * message when the operator can fix it (configuration, port, broker, data directory in use).
 */
export async function serve(
  name: string,
  roles: RuntimeRole[],
  features: (Type | DynamicModule)[],
  afterListen?: (runtime: Runtime) => Promise<void>,
): Promise<void> {
  const logger = new Logger(name);
  let firstStart: FirstStartFiles | undefined;
  let runtime: Runtime | undefined;
  try {
    const config = loadConfig();
    await assertPortFree(config.host, config.port);
    firstStart = FirstStartFiles.before(config);
    runtime = await createRuntime(config, { roles });
    const app = await createHttpApp(runtime, features);
    const started = runtime;
    app.getHttpAdapter().getInstance().addHook('onClose', async () => started.close());
    await app.listen(config.port, config.host).catch((e: NodeJS.ErrnoException) => { throw portProblem(config.host, config.port, e); });
    firstStart = undefined;
    logger.log(`${name} listening on http://${config.host}:${config.port} (roles ${roles.join(', ')}; event store ${runtime.store.name}, warehouse ${runtime.warehouse.engine}${runtime.kafka ? ', kafka on' : ''})`);
  } catch (err) {
    const removed = await firstStart?.undo(runtime?.store).catch(() => []) ?? [];
    console.error(isStartupError(err) ? `${name} did not start: ${err.message}` : err);
    if (removed.length) console.error(`(removed what this start had generated: ${removed.join(', ')})`);
    process.exit(1);
  }
  try {
    await afterListen?.(runtime!);
  } catch (err) {
    console.error(err);
    process.exit(1);
  }
}
