import { Module } from '@nestjs/common';
import { IndicatorsModule } from '@trm/indicators';
import { DashboardsController } from './dashboards.controller';
import { PanelsController } from './panels.controller';

/**
 * The dashboards (/dashboards/rapporteur, /programme, /audit and their assets) and the
 * server-side panel renderer (GET /v1/panels/{panelId}.svg).
 */
@Module({
  imports: [IndicatorsModule],
  controllers: [DashboardsController, PanelsController],
})
export class DashboardsModule {}
export { DashboardsController, PanelsController };
