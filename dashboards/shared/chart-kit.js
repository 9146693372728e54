/*
 * Chart kit shared by the browser dashboards and the server-side SVG renderer (UMD: a <script> in
 * the browser defines `TRMChartKit`; `require()` in Node returns the same object). Plain ES2017,
 * no dependencies, no DOM: every function here turns API data into ECharts options or text.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.TRMChartKit = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  /** Okabe–Ito: distinguishable under the common colour-vision deficiencies. */
  var OKABE_ITO = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  /** Viridis, 10 stops: perceptually uniform and colour-blind safe, for every sequential scale. */
  var VIRIDIS = ['#440154', '#482878', '#3E4A89', '#31688E', '#26828E', '#1F9E89', '#35B779', '#6DCD59', '#B4DE2C', '#FDE725'];
  var SUPPRESSED = { color: '#e0e0e0', decal: '#7a7a7a', text: '#333333' };
  var TEXT = '#1f2933';
  // Single quotes: ECharts writes the family verbatim into a double-quoted SVG style attribute.
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";
  var DIMENSION_ORDER = ['measure', 'sop', 'country', 'toCountry', 'period', 'ageGroup', 'sex', 'exploitation', 'citizenship', 'countryRole'];
  var FIGURE_ORDER = ['numerator', 'denominator', 'value', 'ci95_low', 'ci95_high', 'n', 'median', 'p90', 'count', 'suppressed'];
  var DAY = 86400000;

  function hexToRgb(h) {
    return [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
  }

  /** Viridis colour of t in [0, 1] (linear between stops). */
  function viridis(t) {
    var x = Math.max(0, Math.min(1, Number(t))) * (VIRIDIS.length - 1);
    var i = Math.min(VIRIDIS.length - 2, Math.floor(x));
    var a = hexToRgb(VIRIDIS[i]);
    var b = hexToRgb(VIRIDIS[i + 1]);
    var f = x - i;
    var c = a.map(function (v, k) { return Math.round(v + (b[k] - v) * f); });
    return 'rgb(' + c.join(',') + ')';
  }

  /** Text colour readable on viridis(t): white on the dark half, near-black on the light half. */
  function inkOn(t) {
    return Number(t) < 0.55 ? '#ffffff' : '#111111';
  }

  /** Diagonal hatching, so a suppressed cell never looks like a low value. */
  function suppressedStyle() {
    return {
      color: SUPPRESSED.color,
      borderColor: '#9e9e9e',
      borderWidth: 1,
      decal: { symbol: 'rect', color: SUPPRESSED.decal, dashArrayX: [1, 0], dashArrayY: [2, 5], rotation: -Math.PI / 4, symbolSize: 1 },
    };
  }

  function pct(v, digits) {
    if (v === null || v === undefined || isNaN(v)) return '–';
    return (Number(v) * 100).toFixed(digits === undefined ? 0 : digits) + '%';
  }

  function days(v) {
    if (v === null || v === undefined || isNaN(v)) return '–';
    var d = Number(v);
    if (d < 1) return (d * 24).toFixed(1) + ' h';
    return (d < 10 ? d.toFixed(1) : d.toFixed(0)) + ' d';
  }

  function ci(row) {
    return row && row.ci95 ? pct(row.ci95[0]) + '–' + pct(row.ci95[1]) : '–';
  }

  /** "12 / 20 = 60% (95% CI 39–78%)" or "suppressed". */
  function describeProportion(row) {
    if (!row) return 'no cases';
    if (row.suppressed) return 'suppressed (small cell)';
    return row.numerator + ' / ' + row.denominator + ' = ' + pct(row.value, 1) + ' (95% CI ' + ci(row) + ')';
  }

  /** ISO 8601 duration of the catalogue (PnD, PTnH) in days. */
  function isoDays(d) {
    var m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?)?$/.exec(d || '');
    if (!m) return null;
    return Number(m[1] || 0) + Number(m[2] || 0) / 24;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  /** The base every option starts from: palette, font, no animation in SSR, readable text. */
  function baseOption(ctx, extra) {
    var o = {
      color: OKABE_ITO,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT, color: TEXT, fontSize: 12 },
      animation: !(ctx && ctx.ssr),
      animationDuration: 250,
      aria: { enabled: true, decal: { show: false } },
    };
    for (var k in extra) if (Object.prototype.hasOwnProperty.call(extra, k)) o[k] = extra[k];
    return o;
  }

  function titleBlock(text, left, top) {
    return { text: text, left: left, top: top === undefined ? 0 : top, textStyle: { fontSize: 13, fontWeight: 600, color: TEXT } };
  }

  /** Query parameters for an API request: the dashboard filters plus the panel's own grouping. */
  function query(f, extra) {
    extra = extra || {};
    var p = {};
    if (f.from) p.from = f.from;
    if (f.to) p.to = f.to;
    if (extra.asOf !== undefined) { if (extra.asOf) p.asOf = extra.asOf; } else if (f.asOf) p.asOf = f.asOf;
    var country = extra.country !== undefined ? extra.country : f.country;
    if (country) p.country = country;
    if (extra.toCountry) p.toCountry = extra.toCountry;
    if (extra.measure) p.measure = extra.measure;
    if (extra.sop) p.sop = String(extra.sop);
    var groupBy = (extra.groupBy || []).slice();
    // The API filters neither by age group nor by form of exploitation; it groups by them. A group's
    // row is computed over that group's cases only, so keeping the chosen group's rows is exact.
    if (f.age) groupBy.push('ageGroup');
    if (f.exploitation) groupBy.push('exploitation');
    if (groupBy.length) p.groupBy = groupBy.join(',');
    if (extra.detail) p.detail = extra.detail;
    return p;
  }

  /** Keeps the rows of the chosen child/adult group and form of exploitation (see `query`). */
  function keepRows(rows, f) {
    return (rows || []).filter(function (r) {
      return (!f.age || r.ageGroup === f.age) && (!f.exploitation || r.exploitation === f.exploitation);
    });
  }

  function queryString(params) {
    return Object.keys(params).filter(function (k) { return params[k] !== undefined && params[k] !== ''; }).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(params[k]).replace(/%2C/g, ',').replace(/%3A/g, ':');
    }).join('&');
  }

  /** "Now" minus n days, or the as-of time minus n days, as an RFC 3339 instant. */
  function shiftedAsOf(f, ctx, nDays) {
    var base = f.asOf ? Date.parse(f.asOf) : (ctx && ctx.now ? ctx.now.getTime() : Date.now());
    return new Date(base - nDays * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  function csvCell(v) {
    if (v === null || v === undefined) return '';
    var s = Array.isArray(v) ? v.join('|') : String(v);
    return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  /** Rows as the API returned them, flattened for CSV: ci95 → ci95_low/ci95_high, lists joined by |. */
  function flattenRow(r) {
    var o = {};
    for (var k in r) {
      if (!Object.prototype.hasOwnProperty.call(r, k)) continue;
      if (k === 'ci95') {
        o.ci95_low = r.ci95 ? r.ci95[0] : null;
        o.ci95_high = r.ci95 ? r.ci95[1] : null;
      } else o[k] = r[k];
    }
    return o;
  }

  /** Answers of a panel's requests → one table (an `indicator` column tells the requests apart). */
  function answersToTable(data, keys) {
    var rows = [];
    (keys || Object.keys(data)).forEach(function (key) {
      var a = data[key];
      if (!a || !a.rows) return;
      a.rows.forEach(function (r) {
        var flat = flattenRow(r);
        flat.indicator = a.indicator || key;
        if (a.asOf) flat.asOf = a.asOf;
        rows.push(flat);
      });
    });
    return { columns: orderColumns(rows, ['indicator']), rows: rows };
  }

  function orderColumns(rows, first) {
    var seen = {};
    rows.forEach(function (r) { for (var k in r) seen[k] = true; });
    var order = (first || []).concat(DIMENSION_ORDER, FIGURE_ORDER, ['caseIds', 'asOf']);
    var cols = order.filter(function (k, i) { return seen[k] && order.indexOf(k) === i; });
    Object.keys(seen).sort().forEach(function (k) { if (cols.indexOf(k) < 0) cols.push(k); });
    return cols;
  }

  function toCsv(table) {
    var lines = [table.columns.map(csvCell).join(',')];
    table.rows.forEach(function (r) {
      lines.push(table.columns.map(function (c) { return csvCell(r[c]); }).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  function measureTitle(catalogue, code) {
    var m = catalogue && catalogue.measures.filter(function (x) { return x.code === code; })[0];
    return m ? m.title : code;
  }

  function sopTitle(catalogue, sop) {
    var s = catalogue && catalogue.sops.filter(function (x) { return x.sop === Number(sop); })[0];
    return s ? s.title : 'SOP ' + sop;
  }

  /** Sort key of a measure code: SOP, then general before child-specific, then number. */
  function measureOrder(code) {
    var m = /^SOP(\d)\.([MC])(\d+)$/.exec(code) || [0, 9, 'Z', 99];
    return Number(m[1]) * 1000 + (m[2] === 'C' ? 500 : 0) + Number(m[3]);
  }

  function byMeasure(a, b) { return measureOrder(a) - measureOrder(b); }

  function unique(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; });
  }

  /**
   * Every quarter ('2025-Q3') from the first to the last of the given ones, in order: the API has
   * no row for a quarter without events, and a category axis without it would join its neighbours
   * as if they were consecutive.
   */
  function quarterRange(periods) {
    var qs = unique(periods.filter(function (p) { return /^\d{4}-Q[1-4]$/.test(p); })).sort();
    if (qs.length !== periods.filter(function (p, i) { return periods.indexOf(p) === i; }).length || !qs.length) return unique(periods).sort();
    var index = function (p) { return Number(p.slice(0, 4)) * 4 + Number(p.slice(6)) - 1; };
    var out = [];
    for (var i = index(qs[0]); i <= index(qs[qs.length - 1]); i++) out.push(Math.floor(i / 4) + '-Q' + (i % 4 + 1));
    return out;
  }

  /** A horizontal whisker (Wilson interval) for a `custom` series: data [low, high, categoryIndex]. */
  function whiskerRenderer(horizontal, color) {
    return function (params, api) {
      var low = api.value(0);
      var high = api.value(1);
      var cat = api.value(2);
      var a = horizontal ? api.coord([low, cat]) : api.coord([cat, low]);
      var b = horizontal ? api.coord([high, cat]) : api.coord([cat, high]);
      var band = api.size(horizontal ? [0, 1] : [1, 0]);
      var cap = Math.min(6, (horizontal ? band[1] : band[0]) * 0.18);
      var style = { stroke: color || TEXT, lineWidth: 1.5 };
      var off = api.value(3) || 0;
      if (horizontal) { a[1] += off; b[1] += off; } else { a[0] += off; b[0] += off; }
      var caps = horizontal
        ? [[a[0], a[1] - cap, a[0], a[1] + cap], [b[0], b[1] - cap, b[0], b[1] + cap]]
        : [[a[0] - cap, a[1], a[0] + cap, a[1]], [b[0] - cap, b[1], b[0] + cap, b[1]]];
      return {
        type: 'group',
        children: [{ type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: style }].concat(caps.map(function (c) {
          return { type: 'line', shape: { x1: c[0], y1: c[1], x2: c[2], y2: c[3] }, style: style };
        })),
      };
    };
  }

  return {
    OKABE_ITO: OKABE_ITO, VIRIDIS: VIRIDIS, SUPPRESSED: SUPPRESSED, TEXT: TEXT, FONT: FONT, DAY: DAY,
    viridis: viridis, inkOn: inkOn, suppressedStyle: suppressedStyle, pct: pct, days: days, ci: ci,
    describeProportion: describeProportion, isoDays: isoDays, escapeHtml: escapeHtml, baseOption: baseOption,
    titleBlock: titleBlock, query: query, keepRows: keepRows, queryString: queryString, shiftedAsOf: shiftedAsOf,
    flattenRow: flattenRow, answersToTable: answersToTable, orderColumns: orderColumns, toCsv: toCsv,
    measureTitle: measureTitle, sopTitle: sopTitle, measureOrder: measureOrder, byMeasure: byMeasure, unique: unique, quarterRange: quarterRange,
    whiskerRenderer: whiskerRenderer,
  };
});
