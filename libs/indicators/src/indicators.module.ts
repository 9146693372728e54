import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { IndicatorsController } from './http/indicators.controller';
import { IndicatorsService } from './indicators.service';
import { GetIndicatorHandler } from './queries/get-indicator.handler';

@Module({
  imports: [CqrsModule],
  controllers: [IndicatorsController],
  providers: [IndicatorsService, GetIndicatorHandler],
  exports: [IndicatorsService],
})
export class IndicatorsModule {}
