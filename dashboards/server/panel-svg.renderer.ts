import { join } from 'node:path';
import * as echarts from 'echarts';
import type { Catalogue } from '@trm/domain';
import { dashboardsRoot } from './dashboard-assets';

/** A panel of dashboards/shared/panels.js, as the server uses it. */
export interface SharedPanel {
  id: string;
  dashboard: string;
  title: string;
  height: number;
  ssr?: boolean;
  build(data: Record<string, unknown>, ctx: PanelContext): { option?: Record<string, unknown>; empty?: string; height?: number };
}

/** The catalogue documents a panel reads (dashboards/shared/catalogue-view.js): what governs each country shown. */
export interface PanelDocuments {
  list: { id: string; kind: string; country?: string | null; base?: string | null; effectiveFrom: string; publishedAt: string | null }[];
  resolved: Record<string, unknown>;
  governing: Record<string, { document: { id: string }; notAdopted: string[] }>;
  available: boolean;
}

/** dashboards/shared/catalogue-view.js, as the server uses it. */
interface CatalogueView {
  dateOf(asOf: string | undefined, now?: Date): string;
  profileCountries(list: PanelDocuments['list']): string[];
  toResolve(list: PanelDocuments['list'], countries: string[], date: string, asOf?: string): string[];
  governingMap(list: PanelDocuments['list'], resolved: Record<string, unknown>, countries: string[], date: string, asOf?: string): PanelDocuments['governing'];
}

export interface PanelContext {
  catalogue: Catalogue;
  /** The catalogue documents governing the countries shown ("not adopted" cells); none: every measure adopted. */
  documents?: PanelDocuments;
  filters: Record<string, string>;
  now: Date;
  ssr: true;
}

export interface PanelRequest {
  key: string;
  path: string;
  params: Record<string, string>;
  optional?: boolean;
}

export type PanelFetcher = (path: string, params: Record<string, string>, req: PanelRequest) => Promise<unknown>;

interface PanelRegistry {
  byId: Record<string, SharedPanel>;
  catalogueView: CatalogueView;
  filtersFrom(get: (k: string) => string | undefined): Record<string, string>;
  fetchPanelData(panel: SharedPanel, f: Record<string, string>, ctx: PanelContext, fetcher: PanelFetcher): Promise<Record<string, unknown>>;
  /** The panel's builder, plus the disclosure-control note drawn in the chart for a manager's data. */
  buildPanel(panel: SharedPanel, data: Record<string, unknown>, ctx: PanelContext): ReturnType<SharedPanel['build']>;
}

// The very files the browser runs (UMD), so a report's SVG is the chart the dashboard shows.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const sharedPanels: PanelRegistry = require(join(dashboardsRoot(), 'shared', 'panels.js'));

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An SVG that says why there is no chart (no data for the filters), in the panels' style. */
function messageSvg(title: string, message: string, width: number, height: number): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<rect width="100%" height="100%" fill="#ffffff"/>` +
    `<text x="16" y="28" font-family="sans-serif" font-size="14" font-weight="600" fill="#1f2933">${escapeXml(title)}</text>` +
    `<text x="16" y="56" font-family="sans-serif" font-size="13" fill="#52606d">${escapeXml(message)}</text></svg>`;
}

/**
 * Renders one panel to an SVG string with ECharts' server-side renderer: the same requests the
 * browser sends (through `fetcher`), the same data → option builder, no DOM.
 */
export async function renderPanelSvg(
  panel: SharedPanel,
  filters: Record<string, string>,
  fetcher: PanelFetcher,
  opts: { catalogue: Catalogue; documents?: PanelDocuments; now: Date; width: number; height?: number },
): Promise<string> {
  const ctx: PanelContext = { catalogue: opts.catalogue, documents: opts.documents, filters, now: opts.now, ssr: true };
  const data = await sharedPanels.fetchPanelData(panel, filters, ctx, fetcher);
  const built = sharedPanels.buildPanel(panel, data, ctx);
  const height = opts.height ?? built.height ?? panel.height;
  if (!built.option) return messageSvg(panel.title, built.empty ?? 'No data.', opts.width, 120);
  const chart = echarts.init(null as unknown as Parameters<typeof echarts.init>[0], null, { renderer: 'svg', ssr: true, width: opts.width, height });
  try {
    chart.setOption(built.option as echarts.EChartsOption);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
