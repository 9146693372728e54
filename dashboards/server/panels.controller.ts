import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiParam } from '@nestjs/swagger';
import { ApiErrors, ApiOk, ApiQueries, CurrentKey, int, REFUSED, Roles, str, URI_TOO_LONG } from '@trm/auth';
import type { ApiKey } from '@trm/auth';
import { DomainError, getCatalogue } from '@trm/domain';
import { EVENT_STORE } from '@trm/event-store';
import type { EventStore } from '@trm/event-store';
import { INDICATOR_PARAMS, IndicatorsService, parseIndicatorParams } from '@trm/indicators';
import type { RawParams } from '@trm/indicators';
import { panelDocuments } from './panel-documents';
import { renderPanelSvg, sharedPanels } from './panel-svg.renderer';
import type { PanelFetcher } from './panel-svg.renderer';

interface Reply {
  header(name: string, value: string): Reply;
}

const FILE = /^([a-z0-9-]{1,60})\.svg$/;
const SIZE = { minimum: 200, maximum: 2400 };

function size(raw: string | string[] | undefined, fallback: number | undefined, name: string): number | undefined {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  if (!Number.isInteger(n) || n < SIZE.minimum || n > SIZE.maximum) throw new DomainError('bad_request', `${name} must be an integer from ${SIZE.minimum} to ${SIZE.maximum}`);
  return n;
}

/**
 * GET /v1/panels/{panelId}.svg?<the dashboard's filters>&width=&height= — any indicator panel as
 * SVG for reports, drawn by ECharts in Node from the same data the browser would fetch, read here
 * through IndicatorsService with the caller's key (so scope and suppression are the caller's).
 */
@Controller('v1/panels')
export class PanelsController {
  constructor(private readonly indicators: IndicatorsService, @Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get(':file')
  @Roles('rapporteur', 'manager', 'auditor')
  @ApiOperation({ summary: 'A dashboard panel as SVG (ECharts server-side rendering), with the dashboards\' filters plus width/height' })
  @ApiParam({ name: 'file', required: true, description: 'The panel id and `.svg`', schema: str({ pattern: FILE.source }) })
  @ApiQueries([...INDICATOR_PARAMS, { name: 'width', schema: int(SIZE) }, { name: 'height', schema: int(SIZE) }])
  @ApiOk('The panel', str(), 'image/svg+xml')
  @ApiErrors({ ...REFUSED, 404: 'Unknown or browser-only panel', ...URI_TOO_LONG })
  async svg(@Param('file') file: string, @Query() raw: RawParams, @CurrentKey() key: ApiKey, @Res({ passthrough: true }) reply: Reply): Promise<string> {
    const m = FILE.exec(file);
    // Own properties only: `constructor.svg` must not find Object.prototype.constructor.
    const panel = m && Object.hasOwn(sharedPanels.byId, m[1]) ? sharedPanels.byId[m[1]] : undefined;
    if (!panel || panel.ssr === false) {
      const ids = Object.values(sharedPanels.byId).filter((p) => p.ssr !== false).map((p) => p.id);
      throw new DomainError('not_found', `no server-rendered panel ${file.slice(0, 64)} (one of ${ids.map((i) => `${i}.svg`).join(', ')})`);
    }
    const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
    const filters = sharedPanels.filtersFrom((k) => first(raw[k]));
    const width = size(raw.width, 900, 'width')!;
    const height = size(raw.height, undefined, 'height');
    const now = new Date();
    const fetcher: PanelFetcher = (path, params) => {
      const ind = /^\/v1\/indicators\/([a-z._]+)$/.exec(path);
      if (ind) return this.indicators.indicator(ind[1], parseIndicatorParams(params, now), key);
      if (path === '/v1/gaps') {
        const { detail, ...rest } = params;
        return this.indicators.gaps(parseIndicatorParams({ ...rest, groupBy: rest.groupBy ?? 'country' }, now), key, detail === 'cases');
      }
      throw new DomainError('not_found', `panel ${panel.id} needs ${path}, which the server renderer cannot read`);
    };
    const documents = await panelDocuments(this.store, filters, now);
    const svg = await renderPanelSvg(panel, filters, fetcher, { catalogue: getCatalogue()!, documents, now, width, height });
    reply.header('content-type', 'image/svg+xml; charset=utf-8');
    reply.header('cache-control', 'no-store');
    reply.header('x-content-type-options', 'nosniff');
    return svg;
  }
}
