import type { KeyRing } from './keys';

interface HookRequest {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  apiKey?: unknown;
}
interface HookReply {
  code(status: number): HookReply;
  header(name: string, value: string): HookReply;
  send(payload: unknown): unknown;
}

/** Paths that need no key: liveness and the dashboards' static assets (the pages sign in themselves). */
const OPEN = [/^\/health(\?|$)/, /^\/dashboards(\/|\?|$)/, /^\/$/];

/**
 * Fastify onRequest hook: resolves `Authorization: Bearer <key>` before the body is read, so
 * a request without a valid key is answered 401 whatever it carries.
 */
export function bearerAuthHook(keys: KeyRing) {
  return (request: HookRequest, reply: HookReply, done: (err?: Error) => void): void => {
    if (OPEN.some((re) => re.test(request.url))) return done();
    const header = request.headers.authorization;
    const value = Array.isArray(header) ? header[0] : header;
    const m = value ? /^Bearer\s+(\S+)\s*$/i.exec(value) : null;
    const key = keys.authenticate(m?.[1]);
    if (!key) {
      reply.code(401).header('www-authenticate', 'Bearer').send({
        statusCode: 401, error: 'unauthorized', message: m ? 'unknown API key' : 'missing API key: send Authorization: Bearer <key>',
      });
      return;
    }
    request.apiKey = key;
    done();
  };
}
