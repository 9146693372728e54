export * from './keys';
export * from './auth.decorators';
export * from './api-key.guard';
export * from './bearer-auth.hook';
export * from './openapi';
