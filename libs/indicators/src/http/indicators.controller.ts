import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { CurrentKey, Roles } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { IndicatorsService } from '../indicators.service';
import { GetIndicatorQuery } from '../queries/get-indicator.query';
import { IndicatorQueryError } from '../indicator-query.builder';
import { parseIndicatorParams, parseOpenReferralParams } from './indicator-params';
import type { RawParams } from './indicator-params';

@Controller('v1')
export class IndicatorsController {
  constructor(private readonly queries: QueryBus, private readonly service: IndicatorsService) {}

  @Get('indicators')
  @Roles('rapporteur', 'manager', 'auditor', 'admin')
  list() {
    return this.service.list();
  }

  @Get('indicators/:id')
  @Roles('rapporteur', 'manager', 'auditor')
  indicator(@Param('id') id: string, @Query() raw: RawParams, @CurrentKey() key: ApiKey) {
    return this.queries.execute(new GetIndicatorQuery(id, parseIndicatorParams(raw, new Date()), key));
  }

  @Get('gaps')
  @Roles('rapporteur', 'manager', 'auditor')
  gaps(@Query() raw: RawParams, @CurrentKey() key: ApiKey) {
    const { detail, ...rest } = raw;
    if (detail !== undefined && detail !== 'cases') throw new IndicatorQueryError('detail must be cases (or absent)');
    return this.service.gaps(parseIndicatorParams({ ...rest, groupBy: rest.groupBy ?? 'country' }, new Date()), key, detail === 'cases');
  }

  /** CONTRACT.md "Referrals still open": rapporteurs (either side) and auditors; managers 403. */
  @Get('referrals/open')
  @Roles('rapporteur', 'auditor')
  openReferrals(@Query() raw: RawParams, @CurrentKey() key: ApiKey) {
    return this.service.openReferrals(parseOpenReferralParams(raw, new Date()), key);
  }
}
