/*
 * The panel registry: every panel of every dashboard, how to fetch its data for given filters, and
 * how to turn that data into an ECharts option. The browser (`TRMPanels`) and the server-side SVG
 * endpoint (`require('dashboards/shared/panels.js')`) use exactly this code, so a report's SVG is
 * the chart a user saw.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) {
    module.exports = factory(require('./chart-kit.js'), require('./panels-rapporteur.js'), require('./panels-programme.js'), require('./panels-audit.js'), require('./catalogue-view.js'));
  } else root.TRMPanels = factory(root.TRMChartKit, root.TRMPanelsRapporteur, root.TRMPanelsProgramme, root.TRMPanelsAudit, root.TRMCatalogueView);
})(typeof self !== 'undefined' ? self : this, function (kit, rapporteur, programme, audit, catalogueView) {
  'use strict';

  var FILTER_KEYS = ['from', 'to', 'asOf', 'country', 'age', 'exploitation'];
  var EXPLOITATION = ['sexual', 'labour', 'domestic_servitude', 'begging', 'criminal_activities', 'forced_marriage', 'organ_removal', 'other'];

  var DASHBOARDS = {
    rapporteur: { title: 'Rapporteur — one country', singleCountry: true },
    programme: { title: 'Programme — all countries', singleCountry: false },
    audit: { title: 'Audit — histories, submissions, integrity', singleCountry: false },
    catalogue: { title: 'Catalogue — versions and national profiles', singleCountry: false, documentsOnly: true },
  };

  var indicatorPanels = rapporteur.panels.concat(programme.panels);

  /** "What did this panel show as of T?" — any indicator panel, drawn as of T, with what changed since. */
  var asOfCompare = {
    id: 'audit-as-of', dashboard: 'audit', wide: true, height: 420,
    title: 'What a panel showed at a past knowledge time',
    description: 'The chosen panel drawn from only the events recorded by the "as of" time (filters above), and every figure that has changed since then.',
    controls: [{ name: 'compare', label: 'Panel', options: indicatorPanels.map(function (p) { return [p.id, p.title]; }), dflt: 'rapporteur-heatmap' }],
    inner: function (f) { return (Object.prototype.hasOwnProperty.call(byId, f.compare) && byId[f.compare]) || byId['rapporteur-heatmap']; },
    requests: function (f, ctx) {
      if (!f.asOf) return [];
      var inner = asOfCompare.inner(f);
      var then = inner.requests(f, ctx).map(function (r) { return Object.assign({}, r, { key: 'then:' + r.key }); });
      var nowFilters = Object.assign({}, f, { asOf: '' });
      var now = inner.requests(nowFilters, ctx).map(function (r) {
        var p = Object.assign({}, r.params);
        if (p.asOf === f.asOf) delete p.asOf;
        return Object.assign({}, r, { key: 'now:' + r.key, params: p });
      });
      return then.concat(now);
    },
    split: function (data, prefix) {
      var out = {};
      Object.keys(data).forEach(function (k) { if (k.indexOf(prefix) === 0) out[k.slice(prefix.length)] = data[k]; });
      return out;
    },
    changes: function (data) {
      var then = asOfCompare.split(data, 'then:');
      var now = asOfCompare.split(data, 'now:');
      var rows = [];
      Object.keys(then).forEach(function (key) {
        var index = function (a) {
          var m = {};
          ((a && a.rows) || []).forEach(function (r) { m[dimsOf(r)] = r; });
          return m;
        };
        var a = index(then[key]);
        var b = index(now[key]);
        Object.keys(a).concat(Object.keys(b)).filter(function (k, i, l) { return l.indexOf(k) === i; }).sort().forEach(function (k) {
          var x = a[k];
          var y = b[k];
          if (JSON.stringify(figuresOf(x)) !== JSON.stringify(figuresOf(y))) {
            rows.push({ indicator: (then[key] && then[key].indicator) || key, row: k, then: summary(x), now: summary(y) });
          }
        });
      });
      return rows;
    },
    csv: function (data) {
      var rows = [];
      Object.keys(data).forEach(function (key) {
        var a = data[key];
        if (!a || !a.rows) return;
        a.rows.forEach(function (r) {
          var o = kit.flattenRow(r);
          o.knowledge = key.indexOf('then:') === 0 ? 'as of' : 'now';
          o.indicator = a.indicator;
          o.asOf = a.asOf;
          rows.push(o);
        });
      });
      return { columns: kit.orderColumns(rows, ['knowledge', 'indicator']), rows: rows };
    },
    table: function (data, ctx) {
      var at = ctx && ctx.filters && ctx.filters.asOf;
      // Without an "as of" time nothing was compared: the chart's message says what to do.
      if (!at) return null;
      var rows = asOfCompare.changes(data);
      return { caption: rows.length ? rows.length + ' figure(s) changed between ' + at + ' and now' : 'No figure of this panel changed between ' + at + ' and now.', columns: ['indicator', 'row', 'then', 'now'], rows: rows };
    },
    build: function (data, ctx) {
      var f = ctx.filters || {};
      if (!f.asOf) return { empty: 'Choose an "As of" time in the filters above: this panel then shows what the chosen panel showed at that knowledge time.' };
      var inner = asOfCompare.inner(f);
      var built = inner.build(asOfCompare.split(data, 'then:'), ctx);
      if (built.empty) return { empty: 'As of ' + f.asOf + ': ' + built.empty };
      var o = built.option;
      var stamp = { type: 'text', right: 8, bottom: 4, style: { text: 'as of ' + f.asOf, fill: '#D55E00', font: '600 12px ' + kit.FONT } };
      o.graphic = (o.graphic || []).concat([stamp]);
      return { option: o, height: inner.height };
    },
  };

  function dimsOf(r) {
    return ['measure', 'sop', 'country', 'toCountry', 'period', 'ageGroup', 'exploitation'].filter(function (k) { return r[k] !== undefined; }).map(function (k) { return k + '=' + r[k]; }).join(' ');
  }

  function figuresOf(r) {
    if (!r) return null;
    return ['numerator', 'denominator', 'value', 'n', 'median', 'p90', 'count', 'suppressed'].map(function (k) { return r[k]; });
  }

  function summary(r) {
    if (!r) return 'absent';
    if (r.suppressed) return 'suppressed';
    if (r.count !== undefined) return String(r.count);
    if (r.median !== undefined) return 'n=' + r.n + ' median ' + kit.days(r.median);
    return r.numerator + '/' + r.denominator + ' = ' + kit.pct(r.value, 1);
  }

  var all = indicatorPanels.concat(audit.panels, [asOfCompare]);
  var byId = {};
  all.forEach(function (p) { byId[p.id] = p; });

  function forDashboard(name) {
    return all.filter(function (p) { return p.dashboard === name; });
  }

  /** Filters from a query string object (URLSearchParams or a plain object of strings). */
  function filtersFrom(get) {
    var f = {};
    FILTER_KEYS.concat(['rank', 'rankMeasure', 'rankSop', 'case', 'compare', 'outcomeSop']).forEach(function (k) {
      var v = get(k);
      if (v !== null && v !== undefined && v !== '') f[k] = String(v);
    });
    if (f.age && f.age !== 'child' && f.age !== 'adult') delete f.age;
    if (f.exploitation && EXPLOITATION.indexOf(f.exploitation) < 0) delete f.exploitation;
    if (f.outcomeSop && !/^[1-5]$/.test(f.outcomeSop)) delete f.outcomeSop;
    return f;
  }

  /**
   * Runs a panel's requests through `fetcher(path, params)` → Promise<answer>, keeps the rows of the
   * chosen age group / form of exploitation, and resolves to { key: answer }.
   */
  function fetchPanelData(panel, f, ctx, fetcher) {
    var reqs = panel.requests(f, ctx);
    return Promise.all(reqs.map(function (r) {
      return fetcher(r.path, r.params, r).then(function (answer) {
        if (answer && Array.isArray(answer.rows)) answer = Object.assign({}, answer, { rows: kit.keepRows(answer.rows, f) });
        return [r.key, answer];
      });
    })).then(function (pairs) {
      var data = {};
      pairs.forEach(function (p) { data[p[0]] = p[1]; });
      return data;
    });
  }

  /** The disclosure control the answers behind a panel are under (INDICATORS.md; managers), or null. */
  function disclosureOf(data) {
    var keys = Object.keys(data || {});
    for (var i = 0; i < keys.length; i++) {
      var a = data[keys[i]];
      if (a && a.disclosureControl) return a.disclosureControl;
    }
    return null;
  }

  /** What an absent cell means under disclosure control. */
  function absentText(dc) {
    return 'fewer than ' + dc.k + ', or none';
  }

  /** The note every panel carries under disclosure control. */
  function disclosureNote(dc) {
    return 'Disclosure control (' + dc.method + ' method, k = ' + dc.k + '): every figure is perturbed by a small, consistent amount ' +
      'and intervals are computed from the published figures; a cell or row not shown means ' + absentText(dc) + '. ' +
      'Periods are whole months; figures as known at 00:00 UTC' + '.';
  }

  /** Makes room at the bottom of an option for a line of text: numeric bottoms of grids, visual maps, legends and graphs move up. */
  function liftBottom(option, by) {
    ['grid', 'visualMap', 'legend'].forEach(function (k) {
      var list = Array.isArray(option[k]) ? option[k] : option[k] ? [option[k]] : [];
      list.forEach(function (o) {
        if (typeof o.bottom === 'number') o.bottom += by;
        else if (o.bottom === undefined && k === 'grid') o.bottom = 60 + by;
      });
    });
    (option.series || []).forEach(function (s) { if (s && s.type === 'graph' && typeof s.bottom === 'number') s.bottom += by; });
  }

  /**
   * A panel's chart for its data: the panel's own builder, told the disclosure control in force
   * (ctx.disclosure), and then — for every panel under it — the note drawn in the chart itself, so
   * the dashboards, their SVG exports and the server-rendered SVGs all carry it.
   */
  function buildPanel(panel, data, ctx) {
    var dc = disclosureOf(data);
    var built = panel.build(data, Object.assign({}, ctx, { disclosure: dc }));
    if (!dc) return built;
    var note = disclosureNote(dc);
    if (!built.option) return Object.assign({}, built, { note: note, empty: built.empty ? built.empty + ' (Under disclosure control, rows of ' + absentText(dc) + ' are not shown.)' : built.empty });
    var o = built.option;
    liftBottom(o, 34);
    // In the chart the note's short form (two lines that fit the narrowest panel), the full one beside it.
    var short = 'Disclosure control (' + dc.method + ' method, k = ' + dc.k + '): figures perturbed slightly,\n' +
      'intervals from the published figures; not shown = ' + absentText(dc) + '.';
    var text = { type: 'text', left: 8, bottom: 4, z: 100, silent: true, style: { text: short, lineHeight: 13, font: '10px ' + kit.FONT, fill: '#52606d' } };
    o.graphic = (Array.isArray(o.graphic) ? o.graphic : o.graphic ? [o.graphic] : []).concat([text]);
    return Object.assign({}, built, { option: o, note: note, height: (built.height || panel.height) + 34 });
  }

  /** The numbers behind a panel as a CSV table (the API's rows, flattened). */
  function csvTable(panel, data) {
    return panel.csv ? panel.csv(data) : kit.answersToTable(data);
  }

  return {
    kit: kit, catalogueView: catalogueView, all: all, byId: byId, forDashboard: forDashboard, DASHBOARDS: DASHBOARDS, FILTER_KEYS: FILTER_KEYS,
    EXPLOITATION: EXPLOITATION, filtersFrom: filtersFrom, fetchPanelData: fetchPanelData, csvTable: csvTable, RANKABLE: programme.RANKABLE,
    buildPanel: buildPanel, disclosureOf: disclosureOf, disclosureNote: disclosureNote, absentText: absentText,
  };
});
