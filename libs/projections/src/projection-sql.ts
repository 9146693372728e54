import { resolve } from 'node:path';
import { SqlFiles } from '@trm/warehouse';

/** The projector's and the view snapshots' warehouse statements (libs/projections/sql). */
export const PROJECTION_SQL = SqlFiles.in(resolve(__dirname, '../sql'));
