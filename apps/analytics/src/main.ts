import 'reflect-metadata';
import { IndicatorsModule } from '@trm/indicators';
import { AuditModule } from '@trm/audit';
import { DashboardsModule } from '../../../dashboards/server/dashboards.module';
import { OperationsModule, serve } from '@trm/operations';

/** Production: indicators, gaps, audit and dashboards over the warehouse and the event store. */
void serve('trm-analytics', ['analytics'], [IndicatorsModule, AuditModule, OperationsModule, DashboardsModule]);
