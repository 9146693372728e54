export * from './domain-exception.filter';
export * from './health.controller';
export * from './openapi';
export * from './operations.module';
export * from './http-app';
export * from './serve';
