import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets an old generation grow past what its last full GC kept, as a percentage (V8's
 * `--heap-growing-percent`; 0 leaves V8's own choice). V8 grows it by up to 4× when GC looks cheap,
 * so at bulk ingest both threads' heaps held hundreds of MB of garbage between full GCs (a third to
 * a half of each heap: issue 18). One flag for the process: the worker threads share it. Set before
 * the heaps grow; V8 reads it each time it sets the next limit. A command-line V8 flag would not do:
 * Node refuses V8 flags in a worker's execArgv, and the projector's worker inherits the process's.
 */
export function boundHeapGrowth(percent: number): void {
  if (percent > 0) setFlagsFromString(`--heap-growing-percent=${Math.floor(percent)}`);
}
