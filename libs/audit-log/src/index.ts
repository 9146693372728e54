export * from './audit-log.store';
