export * from './warehouse.port';
export * from './migrations';
export * from './catalogue-loader';
export * from './adapters/chdb/chdb-warehouse.adapter';
export * from './sql-files';
