import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getCatalogue } from '@trm/domain';

/** The three dashboards and their page titles. */
export const DASHBOARD_PAGES: Record<string, string> = {
  rapporteur: 'Rapporteur dashboard',
  programme: 'Programme dashboard',
  audit: 'Audit dashboard',
  catalogue: 'Catalogue documents',
};

const JS = 'text/javascript; charset=utf-8';

/** Every file the pages may load, by the name under /dashboards/assets/ (nothing else is served). */
const SHARED_ASSETS: Record<string, string> = {
  'chart-kit.js': JS, 'chart-parts.js': JS, 'catalogue-view.js': JS, 'panels-rapporteur.js': JS, 'panels-programme.js': JS, 'panels-audit.js': JS,
  'panels.js': JS, 'app.js': JS, 'dashboard.css': 'text/css; charset=utf-8',
};

/** Where dashboards/ lives: beside this file in the source tree, else under the working directory. */
export function dashboardsRoot(): string {
  const candidates = [join(__dirname, '..'), join(process.cwd(), 'dashboards')];
  const found = candidates.find((d) => existsSync(join(d, 'shared', 'panels.js')));
  if (!found) throw new Error(`dashboards/shared not found (looked in ${candidates.join(', ')})`);
  return found;
}

export interface Asset {
  body: Buffer | string;
  type: string;
  /** Seconds a browser may keep it. */
  maxAge: number;
}

/** Loads the whitelisted assets once (they are small) so a request never touches the file system by name. */
export class DashboardAssets {
  private readonly assets = new Map<string, Asset>();
  private readonly pages = new Map<string, string>();

  constructor(root = dashboardsRoot()) {
    for (const [name, type] of Object.entries(SHARED_ASSETS)) {
      this.assets.set(name, { body: readFileSync(join(root, 'shared', name)), type, maxAge: 0 });
    }
    const echartsDir = dirname(require.resolve('echarts/package.json'));
    this.assets.set('echarts.min.js', { body: readFileSync(join(echartsDir, 'dist', 'echarts.min.js')), type: JS, maxAge: 86_400 });
    this.assets.set('catalogue.json', { body: JSON.stringify(getCatalogue()), type: 'application/json; charset=utf-8', maxAge: 0 });
    const template = readFileSync(join(root, 'shared', 'page.html'), 'utf8');
    for (const [name, title] of Object.entries(DASHBOARD_PAGES)) {
      this.pages.set(name, template.replace(/\{\{dashboard\}\}/g, name).replace(/\{\{title\}\}/g, title));
    }
  }

  asset(name: string): Asset | undefined {
    return this.assets.get(name);
  }

  page(name: string): string | undefined {
    return this.pages.get(name);
  }
}

/**
 * The pages load scripts and styles from this origin only and talk to this origin only; ECharts
 * sets inline style attributes, hence 'unsafe-inline' for styles (never for scripts).
 */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'none'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
    "connect-src 'self'", "font-src 'self'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'",
  ].join('; '),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-cache',
};
