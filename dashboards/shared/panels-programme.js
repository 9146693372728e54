/*
 * Programme panels (all countries, small cells suppressed for managers): API requests and data →
 * ECharts option. Shared by the browser and the server-side SVG renderer (UMD).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./chart-kit.js'), require('./chart-parts.js'), require('./catalogue-view.js'));
  else root.TRMPanelsProgramme = factory(root.TRMChartKit, root.TRMChartParts, root.TRMCatalogueView);
})(typeof self !== 'undefined' ? self : this, function (kit, parts, cv) {
  'use strict';

  function rowsOf(data, key) {
    return data[key] && data[key].rows ? data[key].rows : [];
  }

  var matrix = {
    id: 'programme-matrix', dashboard: 'programme', wide: true, height: 330,
    title: 'Country × SOP: share of cases that entered each SOP',
    description: 'SOP reach per reporting country. Under disclosure control (managers) figures are perturbed slightly and a cell of fewer than k cases is not shown: it reads "fewer than k, or none", never zero.',
    requests: function (f) {
      return [{ key: 'sop.reach', path: '/v1/indicators/sop.reach', params: kit.query(f, { groupBy: ['country'] }) }];
    },
    build: function (data, ctx) {
      var rows = rowsOf(data, 'sop.reach');
      var countries = kit.unique(rows.map(function (r) { return r.country; })).sort();
      if (!countries.length) return { empty: 'No cases in the cohort for these filters.' };
      var sops = ctx.catalogue.sops;
      var slots = [];
      countries.forEach(function (c, i) { sops.forEach(function (s, j) { slots.push([i, j]); }); });
      var absent = parts.absentWords(ctx);
      var series = parts.heatCells(rows, function (r) { return [countries.indexOf(r.country), r.sop - 1]; }, slots, Object.assign({ name: 'SOP reach' }, absent));
      return {
        option: kit.baseOption(ctx, {
          tooltip: { formatter: parts.heatTooltip(function (p) { return countries[p.data.value[0]] + ' · SOP ' + (p.data.value[1] + 1) + ' ' + sops[p.data.value[1]].title; }, absent.absent) },
          grid: { left: 250, right: 12, top: 28, bottom: 56 },
          xAxis: { type: 'category', data: countries, position: 'top', axisTick: { show: false }, axisLine: { show: false } },
          yAxis: {
            type: 'category', data: sops.map(function (s) { return 'SOP ' + s.sop + ' ' + s.title; }), inverse: true,
            axisTick: { show: false }, axisLine: { show: false }, axisLabel: { width: 240, overflow: 'truncate', fontSize: 11 },
          },
          visualMap: [parts.percentScale([0]), parts.markerScale([1, 2, 3])],
          series: series,
        }),
      };
    },
  };

  var RANKABLE = [
    { id: 'measure.delivery', label: 'Measure delivery', needs: 'measure' },
    { id: 'measure.compliance', label: 'Measure compliance', needs: 'measure' },
    { id: 'measure.timeliness', label: 'Measure timeliness', needs: 'measure' },
    { id: 'sop.reach', label: 'SOP reach', needs: 'sop' },
    { id: 'referral.acknowledgement', label: 'Referral acknowledgement (7 days)' },
    { id: 'referral.feedback', label: 'Referral feedback (90 days)' },
  ];

  function rankChoice(f) {
    var id = f.rank || 'measure.delivery';
    return RANKABLE.filter(function (r) { return r.id === id; })[0] || RANKABLE[0];
  }

  function rankExtra(f) {
    var c = rankChoice(f);
    if (c.needs === 'measure') return { measure: f.rankMeasure || 'SOP1.M1' };
    if (c.needs === 'sop') return { sop: f.rankSop || '1' };
    return {};
  }

  var ranking = {
    id: 'programme-ranking', dashboard: 'programme', height: 560,
    title: 'Ranking of countries',
    description: 'Countries ordered by the chosen indicator, with 95% Wilson intervals (under disclosure control, computed from the published figures); the dashed line is all countries together. Wide intervals mean few cases: do not over-read the order. Under disclosure control a country not listed has fewer than k cases, or none. A country whose national profile does not adopt the measure is not ranked on it: it is listed last, marked "not adopted".',
    controls: [
      { name: 'rank', label: 'Indicator', options: RANKABLE.map(function (r) { return [r.id, r.label]; }) },
      { name: 'rankMeasure', label: 'Measure', catalogue: 'measures', when: function (f) { return rankChoice(f).needs === 'measure'; }, dflt: 'SOP1.M1' },
      { name: 'rankSop', label: 'SOP', options: [['1', 'SOP 1'], ['2', 'SOP 2'], ['3', 'SOP 3'], ['4', 'SOP 4'], ['5', 'SOP 5']], when: function (f) { return rankChoice(f).needs === 'sop'; }, dflt: '1' },
    ],
    requests: function (f) {
      var c = rankChoice(f);
      var extra = rankExtra(f);
      return [
        { key: 'byCountry', path: '/v1/indicators/' + c.id, params: kit.query(f, Object.assign({ groupBy: ['country'] }, extra)) },
        { key: 'overall', path: '/v1/indicators/' + c.id, params: kit.query(f, extra) },
      ];
    },
    build: function (data, ctx) {
      var f = ctx.filters || {};
      var c = rankChoice(f);
      var extra = rankExtra(f);
      var subject = c.label + (extra.measure ? ' · ' + extra.measure : extra.sop ? ' · SOP ' + extra.sop + ' ' + kit.sopTitle(ctx.catalogue, extra.sop) : '');
      // Countries not adopting the measure are not ranked on it, whatever figure came back for them.
      var unadopted = extra.measure ? Object.keys((ctx.documents && ctx.documents.governing) || {}).filter(function (country) {
        return cv.notAdopted(ctx, country, extra.measure);
      }).sort() : [];
      var rows = rowsOf(data, 'byCountry').filter(function (r) { return unadopted.indexOf(r.country) < 0; });
      if (!rows.length && !unadopted.length) return { empty: 'No country has cases for ' + subject + ' with these filters.' };
      var shown = rows.filter(function (r) { return !r.suppressed && r.value !== null; }).sort(function (a, b) { return b.value - a.value || b.denominator - a.denominator; });
      var hidden = rows.filter(function (r) { return r.suppressed || r.value === null; }).sort(function (a, b) { return a.country < b.country ? -1 : 1; });
      var order = shown.concat(hidden);
      var cats = order.map(function (r) { return r.country + (r.suppressed ? '' : ' (n=' + r.denominator + ')'); }).concat(unadopted);
      var overall = rowsOf(data, 'overall').filter(function (r) { return !r.suppressed && r.value !== null; })[0];
      var series = [parts.pointWhiskers(c.label, shown.map(function (r, i) {
        return { value: [i, r.value, r.ci95 ? r.ci95[0] : r.value, r.ci95 ? r.ci95[1] : r.value], row: r };
      }), { color: '#0072B2', horizontal: true })];
      if (overall) {
        series[0].markLine = {
          silent: true, symbol: 'none', lineStyle: { color: '#D55E00', type: 'dashed', width: 1.5 },
          label: { formatter: 'all countries ' + kit.pct(overall.value), color: '#D55E00', position: 'start', distance: 4 }, data: [{ xAxis: overall.value }],
        };
      }
      if (hidden.length) {
        series.push(parts.suppressedTags(hidden.map(function (r, i) { return { value: [0.5, shown.length + i], name: r.country }; }), { size: [70, 14] }));
      }
      if (unadopted.length) {
        series.push(parts.notAdoptedTags(unadopted.map(function (country, i) { return { value: [0.5, order.length + i], name: country }; }), { size: [76, 14] }));
      }
      return {
        option: kit.baseOption(ctx, {
          title: Object.assign(kit.titleBlock(subject, 0, 0), {
            subtext: extra.measure ? kit.measureTitle(ctx.catalogue, extra.measure) : '', subtextStyle: { fontSize: 11, color: '#52606d', width: 520, overflow: 'truncate' }, itemGap: 5,
          }),
          tooltip: {
            formatter: function (p) {
              if (!p.data || !p.data.row) return kit.escapeHtml((p.name || '') + ': suppressed (small cell)');
              return kit.escapeHtml(p.data.row.country + ': ' + kit.describeProportion(p.data.row));
            },
          },
          grid: { left: 78, right: 24, top: 62, bottom: 30 },
          xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: function (v) { return kit.pct(v); } } },
          yAxis: { type: 'category', data: cats, inverse: true, axisTick: { show: false }, axisLabel: { fontSize: 11 } },
          series: series,
        }),
      };
    },
  };

  /** Countries around a circle: senders (mostly destinations) on one side, receivers on the other. */
  function circleLayout(names, cx, cy, r) {
    return names.map(function (n, i) {
      var a = -Math.PI / 2 + (2 * Math.PI * i) / names.length;
      return { name: n, x: cx + r * Math.cos(a), y: cy + r * Math.sin(a) };
    });
  }

  var LOOP_STEPS = [
    { min: 0, max: 0.25, label: '0–25%' }, { min: 0.25, max: 0.5, label: '25–50%' },
    { min: 0.5, max: 0.75, label: '50–75%' }, { min: 0.75, max: 1.0001, label: '75–100%' },
  ];

  function loopColor(v) {
    for (var i = 0; i < LOOP_STEPS.length; i++) if (v < LOOP_STEPS[i].max) return kit.viridis((i + 0.5) / LOOP_STEPS.length);
    return kit.viridis(1);
  }

  /** Legend of the edge colours (drawn, since graph edges are coloured here rather than by a visualMap). */
  function loopLegend() {
    var font = function (size, weight) { return (weight || '') + ' ' + size + 'px ' + kit.FONT; };
    var children = [
      { type: 'text', x: 0, y: 0, style: { text: 'Loop closure', font: font(12, 600), fill: kit.TEXT } },
      { type: 'text', x: 0, y: 15, style: { text: '(feedback ≤ 90 days)', font: font(11), fill: '#52606d' } },
    ];
    LOOP_STEPS.slice().reverse().forEach(function (st, i) {
      var y = 40 + i * 20;
      children.push({ type: 'rect', x: 0, y: y + 3, shape: { width: 26, height: 6 }, style: { fill: kit.viridis((LOOP_STEPS.length - 1 - i + 0.5) / LOOP_STEPS.length) } });
      children.push({ type: 'text', x: 34, y: y, style: { text: st.label, font: font(12), fill: kit.TEXT } });
    });
    var y = 40 + LOOP_STEPS.length * 20;
    children.push({ type: 'line', shape: { x1: 0, y1: y + 6, x2: 26, y2: y + 6 }, style: { stroke: '#9e9e9e', lineWidth: 1.5, lineDash: [4, 3] } });
    children.push({ type: 'text', x: 34, y: y, style: { text: 'suppressed', font: font(12), fill: kit.TEXT } });
    children.push({ type: 'text', x: 0, y: y + 26, style: { text: 'width = referrals sent', font: font(11), fill: '#52606d' } });
    children.push({ type: 'circle', shape: { cx: 7, cy: y + 54, r: 7 }, style: { fill: '#0072B2' } });
    children.push({ type: 'text', x: 20, y: y + 47, style: { text: 'sends', font: font(11), fill: kit.TEXT } });
    children.push({ type: 'circle', shape: { cx: 7, cy: y + 74, r: 7 }, style: { fill: '#cde6f7', stroke: '#0072B2' } });
    children.push({ type: 'text', x: 20, y: y + 67, style: { text: 'receives only', font: font(11), fill: kit.TEXT } });
    return [{ type: 'group', right: 6, top: 12, children: children }];
  }

  var network = {
    id: 'programme-network', dashboard: 'programme', height: 560,
    title: 'Referral network and loop closure',
    description: 'Arrows from the sending to the receiving country; width = referrals sent, colour = loop closure (feedback within 90 days). Dashed grey arrows are suppressed pairs (fewer than k referrals); under disclosure control a pair not drawn has fewer than k referrals, or none.',
    requests: function (f) {
      return [
        { key: 'referral.acknowledgement', path: '/v1/indicators/referral.acknowledgement', params: kit.query(f, { groupBy: ['country', 'toCountry'] }) },
        { key: 'referral.feedback', path: '/v1/indicators/referral.feedback', params: kit.query(f, { groupBy: ['country', 'toCountry'] }) },
      ];
    },
    build: function (data, ctx) {
      var ack = rowsOf(data, 'referral.acknowledgement');
      var fb = rowsOf(data, 'referral.feedback');
      if (!ack.length && !fb.length) return { empty: 'No referrals between countries in this period.' };
      var pairKey = function (r) { return r.country + '>' + r.toCountry; };
      var fbBy = {};
      fb.forEach(function (r) { fbBy[pairKey(r)] = r; });
      var names = kit.unique(ack.map(function (r) { return r.country; }).concat(ack.map(function (r) { return r.toCountry; }))).sort();
      var outgoing = {};
      ack.forEach(function (r) { outgoing[r.country] = (outgoing[r.country] || 0) + (r.denominator || 0); });
      var maxSent = Math.max.apply(null, ack.map(function (r) { return r.denominator || 1; }).concat([1]));
      var nodes = circleLayout(names, 300, 260, 210).map(function (n) {
        return {
          name: n.name, x: n.x, y: n.y, symbolSize: 30, value: outgoing[n.name] || 0,
          itemStyle: outgoing[n.name] ? { color: '#0072B2', borderColor: '#ffffff', borderWidth: 1 } : { color: '#cde6f7', borderColor: '#0072B2', borderWidth: 1 },
          label: { show: true, position: 'inside', color: outgoing[n.name] ? '#ffffff' : '#102a43', fontWeight: 600, fontSize: 11 },
        };
      });
      var links = ack.map(function (r) {
        var f = fbBy[pairKey(r)];
        var suppressed = r.suppressed || !f || f.suppressed;
        return {
          source: r.country, target: r.toCountry, ack: r, fb: f || null,
          lineStyle: suppressed
            ? { color: '#9e9e9e', width: 1, type: 'dashed', curveness: 0.18, opacity: 0.7 }
            : { color: loopColor(f.value), width: 1.5 + 7 * (r.denominator / maxSent), curveness: 0.18, opacity: 0.95 },
        };
      });
      return {
        option: kit.baseOption(ctx, {
          tooltip: {
            formatter: function (p) {
              if (p.dataType === 'node') return kit.escapeHtml(p.name + ': ' + (p.value ? p.value + ' referrals sent (unsuppressed pairs)' : 'receives referrals'));
              var d = p.data;
              var lines = [d.source + ' → ' + d.target];
              if (d.ack.suppressed) lines.push('suppressed: fewer than k referrals');
              else {
                lines.push(d.ack.denominator + ' referrals sent');
                lines.push('acknowledged within 7 days: ' + kit.describeProportion(d.ack));
                lines.push('loop closed (feedback within 90 days): ' + kit.describeProportion(d.fb));
              }
              return lines.map(kit.escapeHtml).join('<br/>');
            },
          },
          graphic: loopLegend(),
          series: [{
            type: 'graph', layout: 'none', roam: false, data: nodes, links: links, edgeSymbol: ['none', 'arrow'], edgeSymbolSize: [0, 9],
            left: 22, right: 150, top: 24, bottom: 24, emphasis: { focus: 'adjacency', lineStyle: { width: 6 } },
          }],
        }),
      };
    },
  };

  /**
   * Sender × receiver: the share of referrals with feedback within 90 days (the loop closed), so
   * both directions of a pair sit mirrored across the diagonal; the tooltip gives the reverse too.
   */
  var pairs = {
    id: 'programme-referral-pairs', dashboard: 'programme', wide: true, height: 380,
    title: 'Referral loops by country pair, both directions',
    description: 'Rows: the sending country; columns: the receiving country. Each cell is the share of referrals with feedback from the receiver within 90 days (the loop closed); the mirrored cell across the diagonal is the other direction. Hover for acknowledgement within 7 days and the reverse direction.',
    requests: function (f) {
      var x = { groupBy: ['country', 'toCountry'] };
      return [
        { key: 'referral.feedback', path: '/v1/indicators/referral.feedback', params: kit.query(f, x) },
        { key: 'referral.acknowledgement', path: '/v1/indicators/referral.acknowledgement', params: kit.query(f, x) },
      ];
    },
    build: function (data, ctx) {
      var fb = rowsOf(data, 'referral.feedback');
      var ack = rowsOf(data, 'referral.acknowledgement');
      var names = kit.unique(fb.concat(ack).map(function (r) { return r.country; }).concat(fb.concat(ack).map(function (r) { return r.toCountry; }))).sort();
      if (!names.length) return { empty: 'No referrals between countries in this period.' };
      var find = function (rows, from, to) { return rows.filter(function (r) { return r.country === from && r.toCountry === to; })[0]; };
      var slots = [];
      names.forEach(function (a, i) { names.forEach(function (b, j) { if (i !== j) slots.push([j, i]); }); });
      var absent = parts.absentWords(ctx);
      var series = parts.heatCells(fb, function (r) { return [names.indexOf(r.toCountry), names.indexOf(r.country)]; }, slots, Object.assign({ name: 'Loop closed (feedback within 90 days)' }, absent));
      var label = function (p) {
        var from = names[p.data.value[1]];
        var to = names[p.data.value[0]];
        var a = find(ack, from, to);
        var back = find(fb, to, from);
        return from + ' → ' + to + (a && !a.suppressed ? ' · acknowledged within 7 days: ' + kit.describeProportion(a) : '')
          + ' · reverse ' + to + ' → ' + from + ': ' + (back && !back.suppressed ? kit.describeProportion(back) : 'no figure');
      };
      return {
        option: kit.baseOption(ctx, {
          tooltip: { formatter: parts.heatTooltip(label, absent.absent) },
          grid: { left: 70, right: 12, top: 40, bottom: 56 },
          xAxis: { type: 'category', data: names, position: 'top', name: 'to', axisTick: { show: false }, axisLine: { show: false } },
          yAxis: { type: 'category', data: names, inverse: true, name: 'from', axisTick: { show: false }, axisLine: { show: false } },
          visualMap: [parts.percentScale([0]), parts.markerScale([1, 2, 3])],
          series: series,
        }),
      };
    },
  };

  var OUTCOME_COLORS = { assisted: '#009E73', reintegrated: '#0072B2', lost_contact: '#D55E00', declined: '#CC79A7', other: '#999999' };

  var outcomesByPair = {
    id: 'programme-feedback-outcomes', dashboard: 'programme', wide: true, height: 380,
    title: 'Feedback outcomes per country pair',
    description: 'Of the referrals with feedback, the outcome of the first feedback (assisted, reintegrated, lost contact, declined, other), per sending → receiving pair. Under disclosure control a pair not shown has fewer than k referrals with feedback, or none.',
    requests: function (f) {
      return [{ key: 'referral.feedback_outcome', path: '/v1/indicators/referral.feedback_outcome', params: kit.query(f, { groupBy: ['country', 'toCountry'] }) }];
    },
    build: function (data, ctx) {
      var rows = rowsOf(data, 'referral.feedback_outcome').filter(function (r) { return !r.suppressed; });
      var pairOf = function (r) { return r.country + ' → ' + r.toCountry; };
      var pairList = kit.unique(rows.map(pairOf)).sort();
      if (!pairList.length) return { empty: 'No referral has feedback in this period.' };
      var outcomes = Object.keys(OUTCOME_COLORS);
      var series = outcomes.map(function (o) {
        return {
          type: 'bar', name: o.replace(/_/g, ' '), stack: 'outcome', itemStyle: { color: OUTCOME_COLORS[o] }, barMaxWidth: 22,
          data: pairList.map(function (p) {
            var r = rows.filter(function (x) { return pairOf(x) === p && x.outcome === o; })[0];
            return r ? { value: r.value, row: r } : null;
          }),
        };
      });
      return {
        height: Math.max(220, 80 + 30 * pairList.length),
        option: kit.baseOption(ctx, {
          tooltip: {
            trigger: 'item',
            formatter: function (p) { return p.data && p.data.row ? kit.escapeHtml(pairList[p.dataIndex] + ' · ' + p.seriesName + ': ' + kit.describeProportion(p.data.row)) : ''; },
          },
          legend: { top: 0, left: 'center' },
          grid: { left: 90, right: 24, top: 34, bottom: 36 },
          xAxis: { type: 'value', min: 0, max: 1, axisLabel: { formatter: function (v) { return kit.pct(v); } } },
          yAxis: { type: 'category', data: pairList, inverse: true, axisTick: { show: false } },
          series: series,
        }),
      };
    },
  };

  return { panels: [matrix, ranking, network, pairs, outcomesByPair], RANKABLE: RANKABLE };
});
