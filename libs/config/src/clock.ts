/** The process's clock, injected so that tests and loaders can fix "now" (Runtime's `now`). */
export type Clock = () => Date;

/** Nest injection token of the process's Clock, provided by the composition root. */
export const CLOCK = Symbol('TRM_CLOCK');
