/*
 * Rapporteur panels (one country): API requests for given filters, and data → ECharts option.
 * Shared by the browser and the server-side SVG renderer (UMD).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./chart-kit.js'), require('./chart-parts.js'), require('./catalogue-view.js'));
  else root.TRMPanelsRapporteur = factory(root.TRMChartKit, root.TRMChartParts, root.TRMCatalogueView);
})(typeof self !== 'undefined' ? self : this, function (kit, parts, cv) {
  'use strict';

  function ind(id, f, extra) {
    return { key: extra && extra.key ? extra.key : id, path: '/v1/indicators/' + id, params: kit.query(f, extra) };
  }

  function rowsOf(data, key) {
    return data[key] && data[key].rows ? data[key].rows : [];
  }

  /** Catalogue layout of the heatmap: one row per SOP, one column per measure slot (M1…M8, C1). */
  function slotsOf(catalogue) {
    var xs = kit.unique(catalogue.measures.map(function (m) { return m.code.split('.')[1]; })).sort(function (a, b) {
      return kit.measureOrder('SOP1.' + a) - kit.measureOrder('SOP1.' + b);
    });
    var places = catalogue.measures.map(function (m) { return [xs.indexOf(m.code.split('.')[1]), m.sop - 1]; });
    return { xs: xs, places: places };
  }

  var heatmap = {
    id: 'rapporteur-heatmap', dashboard: 'rapporteur', wide: true, height: 330,
    title: 'SOP × measure: compliance and delivery',
    description: 'Share of the cases a measure applies to where the institution acted (compliance) and where the measure was completed (delivery). Hover a cell for numerator, denominator and the 95% Wilson interval. A measure the country\'s national profile does not adopt reads "not adopted" (dashed, white): no figure, not 0%.',
    requests: function (f) {
      return [ind('measure.compliance', f), ind('measure.delivery', f)];
    },
    build: function (data, ctx) {
      var comp = rowsOf(data, 'measure.compliance');
      var deliv = rowsOf(data, 'measure.delivery');
      if (!comp.length && !deliv.length) return { empty: 'No cases in the cohort for these filters: no measure applies to any case.' };
      var s = slotsOf(ctx.catalogue);
      var ys = ctx.catalogue.sops.map(function (x) { return 'SOP ' + x.sop + ' ' + shortSop(x.title); });
      var place = function (r) {
        var i = ctx.catalogue.measures.map(function (m) { return m.code; }).indexOf(r.measure);
        return i < 0 ? null : s.places[i];
      };
      var label = function (p) {
        var code = 'SOP' + (p.data.value[1] + 1) + '.' + s.xs[p.data.value[0]];
        return code + ' — ' + kit.measureTitle(ctx.catalogue, code) + ' (' + (p.data.axis === 1 ? 'delivery' : 'compliance') + ')';
      };
      var absent = parts.absentWords(ctx);
      var country = ctx.filters && ctx.filters.country;
      var codeAt = function (p) { return 'SOP' + (p[1] + 1) + '.' + s.xs[p[0]]; };
      var notAdopted = { notAdopted: function (p) { return cv.notAdopted(ctx, country, codeAt(p)); } };
      var left = parts.heatCells(comp, place, s.places, Object.assign({ name: 'Compliance', axis: 0 }, absent, notAdopted));
      var right = parts.heatCells(deliv, place, s.places, Object.assign({ name: 'Delivery', axis: 1 }, absent, notAdopted));
      right.forEach(function (ser) { ser.data.forEach(function (d) { d.axis = 1; }); });
      var xAxis = function (i) {
        return { type: 'category', data: s.xs, gridIndex: i, position: 'top', axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: 11 } };
      };
      var yAxis = function (i) {
        return { type: 'category', data: ys, gridIndex: i, inverse: true, axisTick: { show: false }, axisLine: { show: false }, axisLabel: { show: i === 0, fontSize: 11, width: 190, overflow: 'truncate' } };
      };
      return {
        option: kit.baseOption(ctx, {
          title: [kit.titleBlock('Compliance (acted: offered, completed or declined)', 200, 0), kit.titleBlock('Delivery (completed)', '58%', 0)],
          tooltip: { formatter: parts.heatTooltip(label, absent.absent) },
          grid: [{ left: 200, right: '44%', top: 48, bottom: 56 }, { left: '58%', right: 12, top: 48, bottom: 56 }],
          xAxis: [xAxis(0), xAxis(1)], yAxis: [yAxis(0), yAxis(1)],
          visualMap: [parts.percentScale([0, 4]), parts.markerScale([1, 2, 3, 5, 6, 7])],
          series: left.concat(right),
        }),
      };
    },
  };

  function shortSop(t) {
    return t.replace(/ \(.*\)$/, '').replace(' and social inclusion', '').replace('Criminal and civil proceedings', 'Proceedings');
  }

  /**
   * Measures with a deadline, in catalogue order, with the deadline in days: the deadlines in force
   * of the document governing the country (its national profile's, where it has one), else the
   * catalogue's; a measure not adopted has none.
   */
  function deadlines(catalogue, ctx) {
    var g = cv.governingOf(ctx, ctx && ctx.filters && ctx.filters.country);
    var measures = g && g.resolved && Array.isArray(g.resolved.measures) ? g.resolved.measures : catalogue.measures;
    return measures.filter(function (m) { return m.deadline && m.adopted !== false; }).map(function (m) {
      return { code: m.code, days: kit.isoDays(m.deadline.within), anchor: m.deadline.anchor, title: m.title };
    });
  }

  var timeliness = {
    id: 'rapporteur-timeliness', dashboard: 'rapporteur', height: 560,
    title: 'Time to each measure against its deadline',
    description: 'Days from the anchor (case opened or an earlier measure) to the measure being done: median ● and 90th percentile ◆, against the deadline in force ▌ (the national profile\'s where one governs the country; none for a measure it does not adopt). Logarithmic scale.',
    requests: function (f) { return [ind('measure.days_to', f)]; },
    build: function (data, ctx) {
      var rows = rowsOf(data, 'measure.days_to');
      var dl = deadlines(ctx.catalogue, ctx);
      var withData = dl.filter(function (d) { return rows.some(function (r) { return r.measure === d.code; }); });
      if (!withData.length) return { empty: 'No measure with a deadline was done in this cohort yet.' };
      var cats = withData.map(function (d) { return d.code; });
      var FLOOR = 0.01;
      var clamp = function (v) { return Math.max(FLOOR, v); };
      var row = function (code) { return rows.filter(function (r) { return r.measure === code; })[0]; };
      var med = [];
      var p90 = [];
      var range = [];
      var supp = [];
      withData.forEach(function (d, i) {
        var r = row(d.code);
        if (r.suppressed || r.median === null) { supp.push({ value: [Math.max(FLOOR, d.days / 4), i], name: d.code }); return; }
        med.push({ value: [clamp(r.median), i], row: r, d: d });
        p90.push({ value: [clamp(r.p90), i], row: r, d: d });
        range.push([clamp(r.median), clamp(r.p90), i]);
      });
      var tip = function (p) {
        var d = withData[p.value[1]];
        var r = row(d.code);
        var lines = [d.code + ' — ' + d.title, 'deadline: ' + kit.days(d.days) + ' after ' + d.anchor];
        if (r.suppressed) lines.push('suppressed (small cell)');
        else lines.push('n = ' + r.n + ' · median ' + kit.days(r.median) + ' · p90 ' + kit.days(r.p90) + (r.p90 > d.days ? ' (p90 past the deadline)' : ''));
        return lines.map(kit.escapeHtml).join('<br/>');
      };
      var series = [
        {
          type: 'custom', name: 'Median → p90', data: range, encode: { x: [0, 1], y: 2 }, itemStyle: { color: '#56B4E9' },
          renderItem: function (params, api) {
            var a = api.coord([api.value(0), api.value(2)]);
            var b = api.coord([api.value(1), api.value(2)]);
            var h = api.size([0, 1])[1] * 0.34;
            return { type: 'rect', shape: { x: a[0], y: a[1] - h / 2, width: Math.max(1, b[0] - a[0]), height: h }, style: { fill: '#56B4E9', opacity: 0.45 } };
          },
          tooltip: { show: false },
        },
        { type: 'scatter', name: 'Median', data: med, symbol: 'circle', symbolSize: 10, itemStyle: { color: '#0072B2', borderColor: '#fff' }, z: 4 },
        { type: 'scatter', name: '90th percentile', data: p90, symbol: 'diamond', symbolSize: 12, itemStyle: { color: '#E69F00', borderColor: '#fff' }, z: 4 },
        { type: 'scatter', name: 'Deadline', data: withData.map(function (d, i) { return { value: [d.days, i] }; }), symbol: 'rect', symbolSize: [4, 20], itemStyle: { color: '#000000' }, z: 5 },
      ];
      if (supp.length) series.push(parts.suppressedTags(supp, {}));
      return {
        option: kit.baseOption(ctx, {
          tooltip: { trigger: 'item', formatter: tip },
          legend: { top: 0, left: 'center', itemWidth: 14, data: ['Median', '90th percentile', 'Deadline'] },
          grid: { left: 72, right: 24, top: 34, bottom: 40 },
          xAxis: {
            type: 'log', logBase: 10, min: FLOOR, name: 'days (log scale)', nameLocation: 'middle', nameGap: 26,
            axisLabel: { formatter: function (v) { return v < 1 ? String(v) : String(Math.round(v)); } }, splitLine: { lineStyle: { color: '#e6e6e6' } },
          },
          yAxis: { type: 'category', data: cats, inverse: true, axisTick: { show: false }, axisLabel: { fontSize: 11 } },
          series: series,
        }),
      };
    },
  };

  var gaps = {
    id: 'rapporteur-gaps', dashboard: 'rapporteur', height: 560,
    title: 'Overdue measures (gaps)',
    description: 'Cases where a measure is past its deadline, not done, and the case was not closed before it fell due. Rapporteurs, auditors and admins can click a bar to list the pseudonymous case ids (a manager\'s key sees the counts only).',
    requests: function (f) { return [{ key: 'gaps', path: '/v1/gaps', params: kit.query(f, { groupBy: ['country'] }) }]; },
    drill: {
      request: function (f, point) {
        return { key: 'gaps', path: '/v1/gaps', params: kit.query(f, { groupBy: ['country'], measure: point.measure, detail: 'cases' }) };
      },
      table: function (answer, point) {
        var rows = [];
        (answer.rows || []).forEach(function (r) {
          (r.caseIds || []).forEach(function (id) { rows.push({ caseId: id, measure: r.measure, country: r.country }); });
        });
        return { caption: point.measure + ': ' + rows.length + ' overdue case(s)', columns: ['caseId', 'measure', 'country'], rows: rows, links: { caseId: '/dashboards/audit?case=' } };
      },
    },
    build: function (data, ctx) {
      var rows = rowsOf(data, 'gaps');
      // Suppression applies to a manager's key, which may not list case ids (the API answers 403): no invitation to click.
      var countsOnly = Boolean(data.gaps && data.gaps.suppression && data.gaps.suppression.applied);
      var byMeasure = {};
      rows.forEach(function (r) {
        var b = byMeasure[r.measure] || (byMeasure[r.measure] = { count: 0, suppressed: false });
        if (r.suppressed) b.suppressed = true; else b.count += r.count;
      });
      var codes = Object.keys(byMeasure).sort(kit.byMeasure);
      if (!codes.length) return { empty: 'No overdue measures for these filters — every due measure was done or the case closed first.' };
      var bars = codes.map(function (c) { return byMeasure[c].count > 0 ? { value: byMeasure[c].count, measure: c } : null; });
      var supp = [];
      codes.forEach(function (c, i) { if (byMeasure[c].suppressed && !byMeasure[c].count) supp.push({ value: [0, i], name: c }); });
      var series = [{
        type: 'bar', name: 'Overdue cases', data: bars, itemStyle: { color: '#D55E00' }, barMaxWidth: 16, cursor: countsOnly ? 'default' : 'pointer',
        label: { show: true, position: 'right', fontSize: 11 },
      }];
      if (supp.length) series.push(Object.assign(parts.suppressedTags(supp, {}), { symbolOffset: [34, 0] }));
      return {
        option: kit.baseOption(ctx, {
          tooltip: {
            formatter: function (p) {
              var c = codes[p.dataIndex] || p.name;
              return kit.escapeHtml(c + ' — ' + kit.measureTitle(ctx.catalogue, c)) + '<br/>' + (p.seriesType === 'bar' ? p.value + ' overdue case(s)' + (countsOnly ? '' : ' · click for case ids') : 'suppressed (small cell)');
            },
          },
          grid: { left: 72, right: 48, top: 14, bottom: 40 },
          xAxis: { type: 'value', minInterval: 1, name: 'cases', nameLocation: 'middle', nameGap: 26 },
          yAxis: { type: 'category', data: codes, inverse: true, axisTick: { show: false }, axisLabel: { fontSize: 11 } },
          series: series,
        }),
        drill: !countsOnly,
      };
    },
  };

  var REACH_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00'];

  var trends = {
    id: 'rapporteur-trends', dashboard: 'rapporteur', wide: true, height: 340,
    title: 'Quarterly trends',
    description: 'Cases opened per quarter (bars, right axis) and the share of each quarter\'s cases that entered each SOP (lines, left axis).',
    requests: function (f) {
      return [ind('case.count', f, { groupBy: ['period:quarter'] }), ind('sop.reach', f, { groupBy: ['period:quarter'] })];
    },
    build: function (data, ctx) {
      var counts = rowsOf(data, 'case.count');
      var reach = rowsOf(data, 'sop.reach');
      var periods = kit.quarterRange(counts.concat(reach).map(function (r) { return r.period; }));
      if (!periods.length) return { empty: 'No cases opened in this period.' };
      var countOf = function (p) { var r = counts.filter(function (x) { return x.period === p; })[0]; return r; };
      var supp = [];
      var series = [{
        type: 'bar', name: 'Cases opened', yAxisIndex: 1, barMaxWidth: 28, itemStyle: { color: '#cfd8e3' },
        data: periods.map(function (p, i) {
          var r = countOf(p);
          if (r && r.suppressed) supp.push({ value: [i, 1.04], name: p });
          // A quarter with no row had no case opened: 0, drawn as such (its reach lines break there).
          return r ? (r.suppressed ? null : r.count) : 0;
        }),
        label: { show: true, position: 'insideBottom', fontSize: 10, color: '#46525f' },
      }];
      ctx.catalogue.sops.forEach(function (s, k) {
        series.push({
          type: 'line', name: 'SOP ' + s.sop + ' reach', yAxisIndex: 0, symbolSize: 6, connectNulls: false,
          itemStyle: { color: REACH_COLORS[k] }, lineStyle: { width: 2, color: REACH_COLORS[k], type: k % 2 ? 'dashed' : 'solid' },
          data: periods.map(function (p, i) {
            var r = reach.filter(function (x) { return x.period === p && x.sop === s.sop; })[0];
            if (r && r.suppressed) { supp.push({ value: [i, 1.04], name: p + ' SOP ' + s.sop }); return null; }
            return r ? r.value : null;
          }),
        });
      });
      if (supp.length) series.push(parts.suppressedTags(supp, {}));
      return {
        option: kit.baseOption(ctx, {
          tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '–' : v <= 1 && v % 1 !== 0 ? kit.pct(v, 1) : String(v); } },
          legend: { top: 0, left: 'center', itemWidth: 18 },
          grid: { left: 56, right: 56, top: 40, bottom: 30 },
          xAxis: { type: 'category', data: periods },
          yAxis: [
            { type: 'value', min: 0, max: 1.08, interval: 0.25, name: 'SOP reach', axisLabel: { formatter: function (v) { return v > 1 ? '' : kit.pct(v); } } },
            { type: 'value', min: 0, name: 'cases', minInterval: 1, splitLine: { show: false } },
          ],
          series: series,
        }),
      };
    },
  };

  var referrals = {
    id: 'rapporteur-referrals', dashboard: 'rapporteur', height: 380,
    title: 'Referrals sent: acknowledgement and feedback by partner country',
    description: 'Of the referrals sent to each country: share acknowledged (recorded as received) within 7 days, and share with feedback within 90 days, with 95% Wilson intervals.',
    requests: function (f) {
      return [ind('referral.acknowledgement', f, { groupBy: ['toCountry'] }), ind('referral.feedback', f, { groupBy: ['toCountry'] })];
    },
    build: function (data, ctx) {
      return loopChart(data, ctx, 'toCountry', 'No referrals were sent in this period (the country may only receive referrals).');
    },
  };

  /**
   * Acknowledgement and feedback by partner (`dim`: toCountry for referrals sent, country — the
   * sender — for referrals received): points with 95% Wilson whiskers, partners by referrals.
   */
  function loopChart(data, ctx, dim, emptyText) {
    var ack = rowsOf(data, 'referral.acknowledgement');
    var fb = rowsOf(data, 'referral.feedback');
    var sent = {};
    ack.concat(fb).forEach(function (r) { sent[r[dim]] = r.suppressed ? -1 : Math.max(sent[r[dim]] || 0, r.denominator); });
    var to = Object.keys(sent).sort(function (a, b) { return sent[b] - sent[a] || (a < b ? -1 : 1); });
    if (!to.length) return { empty: emptyText };
    var items = function (rows) {
      return to.map(function (c, i) {
        var r = rows.filter(function (x) { return x[dim] === c; })[0];
        return r && !r.suppressed && r.value !== null ? { value: [i, r.value, r.ci95 ? r.ci95[0] : r.value, r.ci95 ? r.ci95[1] : r.value], row: r } : null;
      }).filter(Boolean);
    };
    var supp = to.map(function (c, i) { return sent[c] < 0 ? { value: [i, 0.5], name: c } : null; }).filter(Boolean);
    var series = [
      parts.pointWhiskers('Acknowledged within 7 days', items(ack), { color: '#0072B2', offset: -0.16 }),
      parts.pointWhiskers('Feedback within 90 days', items(fb), { color: '#E69F00', offset: 0.16, symbol: 'diamond' }),
    ];
    if (supp.length) series.push(parts.suppressedTags(supp, {}));
    return {
      option: kit.baseOption(ctx, {
        tooltip: {
          trigger: 'item',
          formatter: function (p) {
            if (!p.data || !p.data.row) return kit.escapeHtml(p.name || '') + ' suppressed (small cell)';
            return kit.escapeHtml(p.seriesName + ' — ' + p.data.row[dim] + ': ' + kit.describeProportion(p.data.row));
          },
        },
        legend: { top: 0, left: 'center', data: ['Acknowledged within 7 days', 'Feedback within 90 days'] },
        grid: { left: 48, right: 16, top: 34, bottom: 48 },
        xAxis: { type: 'category', data: to.map(function (c) { return c + '\nn=' + (sent[c] < 0 ? 'suppr.' : sent[c]); }), axisTick: { alignWithLabel: true }, axisLabel: { margin: 14, lineHeight: 14 } },
        yAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: function (v) { return kit.pct(v); } } },
        series: series,
      }),
    };
  }

  var received = {
    id: 'rapporteur-referrals-received', dashboard: 'rapporteur', height: 380,
    title: 'Referrals received: acknowledgement and feedback by referring country',
    description: 'Of the referrals other countries sent to this country: the share this country recorded as received within 7 days and the share it gave feedback on within 90 days, by referring country, with 95% Wilson intervals.',
    requests: function (f) {
      var x = { groupBy: ['country'], country: '', toCountry: f.country };
      return [ind('referral.acknowledgement', f, x), ind('referral.feedback', f, x)];
    },
    build: function (data, ctx) {
      return loopChart(data, ctx, 'country', 'No referrals were sent to this country in this period.');
    },
  };

  /** The knowledge time only: the open-referral list has no period, grouping or case filters. */
  function asOfOnly(f) {
    return f.asOf ? { asOf: f.asOf } : {};
  }

  /** Open referrals of both sides, once each, oldest first (then by referral id). */
  function openList(data) {
    var seen = {};
    var rows = [];
    ['open', 'open.sent', 'open.received'].forEach(function (k) {
      rowsOf(data, k).forEach(function (r) {
        var id = r.country + '>' + r.toCountry + ' ' + r.referralId + ' ' + r.sentAt;
        if (seen[id]) return;
        seen[id] = true;
        rows.push(r);
      });
    });
    return rows.sort(function (a, b) {
      return a.sentAt < b.sentAt ? -1 : a.sentAt > b.sentAt ? 1 : a.referralId < b.referralId ? -1 : a.referralId > b.referralId ? 1 : 0;
    });
  }

  var STATE_LABEL = { unacknowledged: 'Not acknowledged', without_feedback: 'Acknowledged, no feedback yet' };

  var openReferrals = {
    id: 'rapporteur-open-referrals', dashboard: 'rapporteur', wide: true, height: 200, ssr: false,
    title: 'Open referrals (oldest first)',
    description: 'Every referral sent by or to this country still open at the knowledge time: not acknowledged by the receiver, or acknowledged without feedback yet. Overdue ones — over 7 days without acknowledgement, over 90 days without feedback — are marked. Rapporteurs and auditors only.',
    requests: function (f) {
      if (!f.country) return [{ key: 'open', path: '/v1/referrals/open', params: asOfOnly(f) }];
      return [
        { key: 'open.sent', path: '/v1/referrals/open', params: Object.assign(asOfOnly(f), { country: f.country }) },
        { key: 'open.received', path: '/v1/referrals/open', params: Object.assign(asOfOnly(f), { toCountry: f.country }) },
      ];
    },
    csv: function (data) {
      var rows = openList(data);
      return { columns: ['referralId', 'country', 'toCountry', 'sentAt', 'state', 'ageDays', 'overdue'], rows: rows };
    },
    table: function (data, ctx) {
      var here = ctx.filters && ctx.filters.country;
      var rows = openList(data);
      return {
        caption: rows.length + ' open referral(s), ' + rows.filter(function (r) { return r.overdue; }).length + ' overdue',
        columns: ['sent', 'days open', 'direction', 'state', 'overdue', 'referralId'],
        rows: rows.map(function (r) {
          return {
            sent: r.sentAt.slice(0, 10), 'days open': r.ageDays.toFixed(1),
            direction: here && r.toCountry === here && r.country !== here ? 'received from ' + r.country : 'sent to ' + r.toCountry + (here ? '' : ' by ' + r.country),
            state: STATE_LABEL[r.state], overdue: r.overdue ? 'OVERDUE' : '', referralId: r.referralId,
            _class: r.overdue ? 'overdue' : '',
          };
        }),
      };
    },
    build: function (data, ctx) {
      var rows = openList(data);
      if (!rows.length) return { empty: 'No open referrals: every referral sent or received was acknowledged and answered.' };
      var states = ['unacknowledged', 'without_feedback'];
      var tally = function (overdue) {
        return states.map(function (s) { return rows.filter(function (r) { return r.state === s && !!r.overdue === overdue; }).length; });
      };
      return {
        option: kit.baseOption(ctx, {
          tooltip: { trigger: 'axis' },
          legend: { top: 0, left: 'center', data: ['Overdue', 'Within time'] },
          grid: { left: 200, right: 32, top: 30, bottom: 28 },
          xAxis: { type: 'value', minInterval: 1, name: 'referrals', nameLocation: 'middle', nameGap: 20 },
          yAxis: { type: 'category', data: states.map(function (s) { return STATE_LABEL[s]; }), inverse: true, axisTick: { show: false } },
          series: [
            { type: 'bar', name: 'Overdue', stack: 'open', data: tally(true), itemStyle: { color: '#D55E00' }, barMaxWidth: 22, label: { show: true, fontSize: 11, formatter: function (p) { return p.value ? String(p.value) : ''; } } },
            { type: 'bar', name: 'Within time', stack: 'open', data: tally(false), itemStyle: { color: '#56B4E9' }, barMaxWidth: 22, label: { show: true, fontSize: 11, formatter: function (p) { return p.value ? String(p.value) : ''; } } },
          ],
        }),
      };
    },
  };

  var SOP_OPTIONS = [['', 'All cases'], ['1', 'Entered SOP 1'], ['2', 'Entered SOP 2'], ['3', 'Entered SOP 3'], ['4', 'Entered SOP 4'], ['5', 'Entered SOP 5']];

  var outcomes = {
    id: 'rapporteur-outcomes', dashboard: 'rapporteur', wide: true, height: 340,
    title: 'Outcomes: closure, reasons, time to closure, stalled cases',
    description: 'Of the cohort (optionally only the cases that entered a SOP): the share closed, the reasons of the first closure (share of closed cases, 95% Wilson intervals), the days from opening to closure, and the open cases with no event for 60 days (stalled).',
    controls: [{ name: 'outcomeSop', label: 'Cases that entered', options: SOP_OPTIONS }],
    requests: function (f) {
      var x = f.outcomeSop ? { sop: f.outcomeSop } : {};
      return [ind('case.closure', f, x), ind('case.closure_reason', f, x), ind('case.days_to_closure', f, x), ind('case.stalled', f, x)];
    },
    build: function (data, ctx) {
      var closure = rowsOf(data, 'case.closure')[0];
      var reasons = rowsOf(data, 'case.closure_reason').filter(function (r) { return r.closureReason && !r.suppressed; });
      var days = rowsOf(data, 'case.days_to_closure')[0];
      var stalled = rowsOf(data, 'case.stalled')[0];
      if (!closure && !reasons.length) return { empty: 'No cases in the cohort for these filters.' };
      var absent = parts.absentWords(ctx).absent || 'none';
      var summary = [
        'Closed: ' + (closure ? kit.pct(closure.value, 1) + ' (' + closure.numerator + ' of ' + closure.denominator + ')' : absent),
        'Days to closure: ' + (days ? 'median ' + kit.days(days.median) + ' · p90 ' + kit.days(days.p90) + ' (n=' + days.n + ')' : absent),
        'Stalled (no event for 60 days): ' + (stalled ? stalled.count : absent),
      ].join('    ');
      var cats = reasons.map(function (r) { return r.closureReason.replace(/_/g, ' '); });
      var items = reasons.map(function (r, i) {
        return { value: [i, r.value, r.ci95 ? r.ci95[0] : r.value, r.ci95 ? r.ci95[1] : r.value], row: r };
      });
      return {
        option: kit.baseOption(ctx, {
          title: [kit.titleBlock(summary, 0, 0)],
          tooltip: {
            trigger: 'item',
            formatter: function (p) { return p.data && p.data.row ? kit.escapeHtml(cats[p.data.value[0]] + ': ' + kit.describeProportion(p.data.row)) : ''; },
          },
          grid: { left: 48, right: 16, top: 40, bottom: 56 },
          xAxis: { type: 'category', data: cats, axisLabel: { fontSize: 11, interval: 0, rotate: 20 } },
          yAxis: { type: 'value', min: 0, max: 1, name: 'share of closed cases', axisLabel: { formatter: function (v) { return kit.pct(v); } } },
          series: [parts.pointWhiskers('First closure reason', items, { color: '#009E73' })],
        }),
      };
    },
  };

  var dataQuality = {
    id: 'rapporteur-data-quality', dashboard: 'rapporteur', height: 380,
    title: 'Data quality: reporting lag and late knowledge',
    description: 'Left: days between an event happening and it being recorded (median and 90th percentile) by quarter. Right: cases per quarter as known now versus 90 days earlier — growth shows late reporting, a drop shows retracted cases.',
    requests: function (f, ctx) {
      return [
        ind('data.reporting_lag', f, { groupBy: ['period:quarter'] }),
        ind('case.count', f, { groupBy: ['period:quarter'], key: 'count.now' }),
        ind('case.count', f, { groupBy: ['period:quarter'], key: 'count.earlier', asOf: kit.shiftedAsOf(f, ctx, 90) }),
      ];
    },
    build: function (data, ctx) {
      var lag = rowsOf(data, 'data.reporting_lag');
      var now = rowsOf(data, 'count.now');
      var before = rowsOf(data, 'count.earlier');
      var periods = kit.quarterRange(lag.concat(now).concat(before).map(function (r) { return r.period; }));
      if (!periods.length) return { empty: 'No events in this period.' };
      var pick = function (rows, p, k) {
        var r = rows.filter(function (x) { return x.period === p; })[0];
        return r && !r.suppressed ? r[k] : null;
      };
      return {
        option: kit.baseOption(ctx, {
          title: [kit.titleBlock('Reporting lag (days)', 0, 0), kit.titleBlock('Cases: now vs 90 days earlier', '53%', 0)],
          tooltip: { trigger: 'axis', valueFormatter: function (v) { return v === null || v === undefined ? '–' : v % 1 ? v.toFixed(1) : String(v); } },
          legend: { bottom: 0, left: 'center', itemWidth: 14 },
          grid: [{ left: 40, right: '52%', top: 34, bottom: 62 }, { left: '58%', right: 8, top: 34, bottom: 62 }],
          xAxis: [
            { type: 'category', gridIndex: 0, data: periods, axisLabel: { fontSize: 10, rotate: 45 } },
            { type: 'category', gridIndex: 1, data: periods, axisLabel: { fontSize: 10, rotate: 45 } },
          ],
          yAxis: [{ type: 'value', gridIndex: 0, min: 0 }, { type: 'value', gridIndex: 1, min: 0, minInterval: 1 }],
          series: [
            { type: 'line', name: 'Lag median', xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: '#0072B2' }, data: periods.map(function (p) { return pick(lag, p, 'median'); }) },
            { type: 'line', name: 'Lag p90', xAxisIndex: 0, yAxisIndex: 0, itemStyle: { color: '#E69F00' }, lineStyle: { type: 'dashed' }, symbol: 'diamond', data: periods.map(function (p) { return pick(lag, p, 'p90'); }) },
            { type: 'bar', name: 'Known now', xAxisIndex: 1, yAxisIndex: 1, itemStyle: { color: '#009E73' }, barGap: '5%', data: periods.map(function (p) { return pick(now, p, 'count'); }) },
            { type: 'bar', name: 'Known 90 days earlier', xAxisIndex: 1, yAxisIndex: 1, itemStyle: { color: '#CC79A7' }, data: periods.map(function (p) { return pick(before, p, 'count'); }) },
          ],
        }),
      };
    },
  };

  return { panels: [heatmap, timeliness, gaps, trends, referrals, received, openReferrals, outcomes, dataQuality] };
});
