import { resolve } from 'node:path';
import { SqlFiles } from '@trm/warehouse';

/** The replay's warehouse statements (libs/audit/sql). */
export const AUDIT_SQL = SqlFiles.in(resolve(__dirname, '../sql'));
