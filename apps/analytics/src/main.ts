import 'reflect-metadata';
import { IndicatorsModule } from '@trm/indicators';
import { AuditModule } from '@trm/audit';
import { CatalogueModule } from '@trm/catalogue';
import { DashboardsModule } from '../../../dashboards/server/dashboards.module';
import { OperationsModule, serve } from '@trm/operations';

/**
 * Production: indicators, gaps, audit, the catalogue documents (read and published: the dashboards'
 * catalogue page reads them here) and dashboards over the warehouse and the event store.
 */
void serve('trm-analytics', ['analytics'], [IndicatorsModule, AuditModule, CatalogueModule, OperationsModule, DashboardsModule]);
