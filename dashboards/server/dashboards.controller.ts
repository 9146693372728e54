import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { DomainError } from '@trm/domain';
import { Public } from '@trm/auth';
import { DashboardAssets, DASHBOARD_PAGES, PAGE_SECURITY_HEADERS } from './dashboard-assets';

interface Reply {
  header(name: string, value: string): Reply;
  code(status: number): Reply;
  redirect(url: string, code?: number): Reply;
}

/**
 * The dashboards' pages and static assets. Public: the pages hold no data and sign in themselves;
 * every figure they show comes from /v1 with the user's key.
 */
@Controller('dashboards')
@ApiExcludeController()
export class DashboardsController {
  private readonly assets = new DashboardAssets();

  @Get()
  @Public()
  index(@Res({ passthrough: true }) reply: Reply): string {
    for (const [k, v] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(k, v);
    reply.header('content-type', 'text/html; charset=utf-8');
    const links = Object.entries(DASHBOARD_PAGES).map(([name, title]) => `<li><a href="/dashboards/${name}">${title}</a></li>`).join('');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>TRM Monitor dashboards</title><link rel="icon" href="data:,">` +
      `<link rel="stylesheet" href="/dashboards/assets/dashboard.css"></head><body><div class="content"><h1>TRM Monitor dashboards</h1><ul>${links}</ul></div></body></html>`;
  }

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: Reply): Buffer | string {
    const asset = this.assets.asset(file);
    if (!asset) throw new DomainError('not_found', `no dashboard asset ${file.slice(0, 60)}`);
    reply.header('content-type', asset.type);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', asset.maxAge ? `public, max-age=${asset.maxAge}` : 'no-cache');
    return asset.body;
  }

  @Get(':page')
  @Public()
  page(@Param('page') page: string, @Res({ passthrough: true }) reply: Reply): string {
    const html = this.assets.page(page);
    if (!html) throw new DomainError('not_found', `no dashboard ${page.slice(0, 40)} (rapporteur, programme, audit, catalogue)`);
    for (const [k, v] of Object.entries(PAGE_SECURITY_HEADERS)) reply.header(k, v);
    reply.header('content-type', 'text/html; charset=utf-8');
    return html;
  }
}
