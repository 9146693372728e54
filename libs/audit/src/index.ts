export * from './audit.module';
export * from './verify';
export * from './case-history';
export * from './replay';
