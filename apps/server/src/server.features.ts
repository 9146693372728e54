import { IndicatorsModule } from '@trm/indicators';
import { IngestModule } from '@trm/ingest';
import { AuditModule } from '@trm/audit';
import { CatalogueModule } from '@trm/catalogue';
import { OperationsModule } from '@trm/operations';
import { DashboardsModule } from '../../../dashboards/server/dashboards.module';

/** The HTTP modules of the all-in-one server: what it serves, and what docs/openapi.json describes. */
export const SERVER_FEATURES = [IngestModule, CatalogueModule, IndicatorsModule, AuditModule, OperationsModule, DashboardsModule];
