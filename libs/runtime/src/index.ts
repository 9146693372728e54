export * from './runtime';
export * from './metrics';
export * from './secrets';
export * from './runtime.module';
export * from './startup';
