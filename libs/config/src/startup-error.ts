/**
 * A problem the operator can fix (a busy port, an unreachable broker, a data directory in use):
 * printed as its message alone, without a stack, and the process exits with code 1. Anything
 * else reaching the top is a bug and keeps its stack.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

export function isStartupError(err: unknown): err is StartupError {
  return err instanceof StartupError;
}
