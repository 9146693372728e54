import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { IndicatorsService } from '../indicators.service';
import type { IndicatorAnswer } from '../indicators.service';
import { GetIndicatorQuery } from './get-indicator.query';

@QueryHandler(GetIndicatorQuery)
export class GetIndicatorHandler implements IQueryHandler<GetIndicatorQuery, IndicatorAnswer> {
  constructor(private readonly service: IndicatorsService) {}

  execute(q: GetIndicatorQuery): Promise<IndicatorAnswer> {
    return this.service.indicator(q.id, q.query, q.key);
  }
}
