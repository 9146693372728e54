export * from './event-store.port';
export * from './errors';
export * from './hashing';
export * from './adapters/sqlite/sqlite-event-store.adapter';
