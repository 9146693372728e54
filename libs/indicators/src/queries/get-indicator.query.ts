import { Query } from '@nestjs/cqrs';
import type { ApiKey } from '@trm/auth';
import type { IndicatorQuery } from '../indicator.types';
import type { IndicatorAnswer } from '../indicators.service';

/** Reads as queries: one indicator, already parsed, for one key. */
export class GetIndicatorQuery extends Query<IndicatorAnswer> {
  constructor(readonly id: string, readonly query: IndicatorQuery, readonly key: ApiKey) {
    super();
  }
}
