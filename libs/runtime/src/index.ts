export * from './runtime';
export * from './secrets';
export * from './runtime.module';
export * from './startup';
