import { resolve } from 'node:path';
import { SqlFiles } from './sql-files';

/** The migration runner's and the catalogue loader's own statements (libs/warehouse/sql). */
export const WAREHOUSE_SQL = SqlFiles.in(resolve(__dirname, '../sql'));
