// Nest module kept out of the barrel: the runtime imports this lib's store.
export * from './audit.module';
