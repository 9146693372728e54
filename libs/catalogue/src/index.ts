export * from './catalogue-registry';
export * from './http/catalogue.openapi';
export * from './http/catalogue.module';
