import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrors, ApiOk, ApiQueries, ApiSchemas, CurrentKey, ref, REFUSED, Roles, str, URI_TOO_LONG } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { IndicatorsService } from '../indicators.service';
import { GetIndicatorQuery } from '../queries/get-indicator.query';
import { IndicatorQueryError } from '../indicator-query.builder';
import { parseIndicatorParams, parseOpenReferralParams } from './indicator-params';
import type { RawParams } from './indicator-params';
import { INDICATOR_ID, INDICATOR_LIST, INDICATOR_PARAMS, INDICATOR_SCHEMAS, OPEN_REFERRAL_PARAMS, OPEN_REFERRALS, TO_COUNTRY_PARAM } from './indicators.openapi';

@Controller('v1')
@ApiSchemas(INDICATOR_SCHEMAS)
export class IndicatorsController {
  constructor(private readonly queries: QueryBus, private readonly service: IndicatorsService) {}

  @Get('indicators')
  @Roles('rapporteur', 'manager', 'auditor', 'admin')
  @ApiOperation({ summary: 'Indicator definitions' })
  @ApiOk('The definitions', INDICATOR_LIST)
  list() {
    return this.service.list();
  }

  @Get('indicators/:id')
  @Roles('rapporteur', 'manager', 'auditor')
  @ApiOperation({ summary: 'One indicator' })
  @ApiParam({ name: 'id', required: true, schema: INDICATOR_ID })
  @ApiQueries([...INDICATOR_PARAMS, TO_COUNTRY_PARAM])
  @ApiOk('Rows', ref('IndicatorAnswer'))
  @ApiErrors({ ...REFUSED, 404: 'Unknown indicator', ...URI_TOO_LONG })
  indicator(@Param('id') id: string, @Query() raw: RawParams, @CurrentKey() key: ApiKey) {
    return this.queries.execute(new GetIndicatorQuery(id, parseIndicatorParams(raw, new Date()), key));
  }

  @Get('gaps')
  @Roles('rapporteur', 'manager', 'auditor')
  @ApiOperation({ summary: 'Overdue measures, by measure; with `detail=cases` the pseudonymous case ids (not for managers)' })
  @ApiQueries([...INDICATOR_PARAMS, { name: 'detail', schema: str({ enum: ['cases'] }) }])
  @ApiOk('Overdue counts by measure', ref('IndicatorAnswer'))
  @ApiErrors(REFUSED)
  gaps(@Query() raw: RawParams, @CurrentKey() key: ApiKey) {
    const { detail, ...rest } = raw;
    if (detail !== undefined && detail !== 'cases') throw new IndicatorQueryError('detail must be cases (or absent)');
    return this.service.gaps(parseIndicatorParams({ ...rest, groupBy: rest.groupBy ?? 'country' }, new Date()), key, detail === 'cases');
  }

  /** CONTRACT.md "Referrals still open": rapporteurs (either side) and auditors; managers 403. */
  @Get('referrals/open')
  @Roles('rapporteur', 'auditor')
  @ApiOperation({ summary: 'Referrals still open as of asOf, oldest first (rapporteurs of either side, auditors; access-logged)' })
  @ApiQueries(OPEN_REFERRAL_PARAMS)
  @ApiOk('Open referrals', OPEN_REFERRALS)
  @ApiErrors(REFUSED)
  openReferrals(@Query() raw: RawParams, @CurrentKey() key: ApiKey) {
    return this.service.openReferrals(parseOpenReferralParams(raw, new Date()), key);
  }
}
