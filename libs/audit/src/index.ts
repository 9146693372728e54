export * from './audit-log.store';
export * from './verify';
export * from './case-history';
export * from './replay';
