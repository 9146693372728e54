export * from './config';
export * from './startup-error';
export * from './clock';
