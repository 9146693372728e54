/*
 * Reusable chart parts (heatmap cells, point-and-whisker series, suppressed markers) built on the
 * chart kit. UMD like the kit: `TRMChartParts` in the browser, `require()` in Node.
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./chart-kit.js'));
  else root.TRMChartParts = factory(root.TRMChartKit);
})(typeof self !== 'undefined' ? self : this, function (kit) {
  'use strict';

  /**
   * Heatmap series for proportion rows placed on (x, y) cells: coloured cells (viridis, value
   * labelled), hatched suppressed cells, and pale "no applicable cases" cells where a place exists
   * but no row came back. `place(row)` → [xIndex, yIndex] or null; `slots` are all places to show.
   * Under disclosure control (`opts.absent`: "fewer than k, or none") a missing row may also be a
   * withheld one, and its cell says so (`opts.absentShort`, e.g. "<5 or none", where the words do not fit).
   * A place whose country does not adopt the measure (`opts.notAdopted(place)` true: its national
   * profile marks it `adopted: false`) reads "not adopted", dashed and white — never a value, never
   * "no cases" — whatever row came back for it.
   */
  function heatCells(rows, place, slots, opts) {
    var byKey = {};
    rows.forEach(function (r) { var p = place(r); if (p) byKey[p[0] + ':' + p[1]] = r; });
    var values = [];
    var suppressed = [];
    var none = [];
    var notAdopted = [];
    slots.forEach(function (p) {
      var r = byKey[p[0] + ':' + p[1]];
      if (opts.notAdopted && opts.notAdopted(p)) notAdopted.push({ value: [p[0], p[1], -3], row: r || null, notAdopted: true });
      else if (!r) none.push({ value: [p[0], p[1], -2], row: null });
      else if (r.suppressed || r.value === null || r.value === undefined) suppressed.push({ value: [p[0], p[1], -1], row: r });
      else values.push({ value: [p[0], p[1], r.value], row: r, label: { color: kit.inkOn(r.value) } });
    });
    var common = { type: 'heatmap', xAxisIndex: opts.axis || 0, yAxisIndex: opts.axis || 0, emphasis: { disabled: true } };
    return [
      Object.assign({}, common, {
        name: opts.name, data: values,
        label: { show: true, fontSize: 11, formatter: function (p) { return kit.pct(p.data.value[2]); } },
        itemStyle: { borderColor: '#ffffff', borderWidth: 2 },
      }),
      Object.assign({}, common, {
        name: 'Suppressed (small cell)', data: suppressed, itemStyle: kit.suppressedStyle(),
        label: { show: true, fontSize: 10, color: kit.SUPPRESSED.text, formatter: 'suppr.', backgroundColor: 'rgba(255,255,255,0.85)', padding: [1, 2] },
      }),
      Object.assign({}, common, {
        name: opts.absent ? 'Absent: ' + opts.absent : 'No applicable cases', data: none, itemStyle: { color: '#f4f4f4', borderColor: '#ffffff', borderWidth: 2 },
        label: opts.absent
          ? { show: true, fontSize: 8, lineHeight: 9, color: '#6b6b6b', formatter: opts.absentShort || opts.absent }
          : { show: true, fontSize: 10, color: '#8a8a8a', formatter: '–' },
      }),
      Object.assign({}, common, {
        name: NOT_ADOPTED.name, data: notAdopted, itemStyle: notAdoptedStyle(),
        label: { show: true, fontSize: 8, fontStyle: 'italic', color: NOT_ADOPTED.text, formatter: 'not adopted' },
      }),
    ];
  }

  /** A measure its country's national profile does not adopt: no figure belongs in the cell. */
  var NOT_ADOPTED = { name: 'Not adopted (national profile)', color: '#ffffff', border: '#3e4c59', text: '#3e4c59' };

  function notAdoptedStyle() {
    return { color: NOT_ADOPTED.color, borderColor: NOT_ADOPTED.border, borderWidth: 1.5, borderType: 'dashed' };
  }

  /** The viridis colour scale 0–100% shown as a legend for the given series indices. */
  function percentScale(seriesIndex, extra) {
    return Object.assign({
      type: 'continuous', min: 0, max: 1, seriesIndex: seriesIndex, calculable: false, orient: 'horizontal',
      left: 'center', bottom: 0, itemWidth: 12, itemHeight: 160, inRange: { color: kit.VIRIDIS },
      formatter: function (v) { return kit.pct(v); }, text: ['100%', '0%'], showLabel: true, textStyle: { fontSize: 11 },
    }, extra || {});
  }

  /**
   * The hidden colour scale of the marker cells (a heatmap series needs one): −1 suppressed, −2 no
   * applicable cases, −3 not adopted. Suppressed cells also carry the hatching decal of their series.
   */
  function markerScale(seriesIndex) {
    return {
      type: 'piecewise', show: false, dimension: 2, seriesIndex: seriesIndex,
      pieces: [{ value: -1, color: kit.SUPPRESSED.color }, { value: -2, color: '#f4f4f4' }, { value: -3, color: NOT_ADOPTED.color }],
    };
  }

  /** Tooltip text of a heat cell. */
  function heatTooltip(label, absent) {
    return function (p) {
      var row = p.data && p.data.row;
      var head = kit.escapeHtml(label(p));
      if (p.data && p.data.notAdopted) return head + '<br/>' + kit.escapeHtml('not adopted: the national profile governing this country does not apply this measure (no figure)');
      if (!row) return head + '<br/>' + kit.escapeHtml(absent ? absent + ' (disclosure control)' : 'no applicable cases in the cohort');
      return head + '<br/>' + kit.escapeHtml(kit.describeProportion(row));
    };
  }

  /**
   * A point with its Wilson whisker per category, as a `custom` series. Items: [catIndex, value,
   * low, high]; `offset` shifts the point across the band (−0.5…0.5 of its width) so two series sit
   * side by side.
   */
  function pointWhiskers(name, items, opts) {
    var horizontal = !!opts.horizontal;
    var color = opts.color;
    var offset = opts.offset || 0;
    return {
      type: 'custom', name: name, data: items, encode: horizontal ? { x: [1, 2, 3], y: 0 } : { x: 0, y: [1, 2, 3] },
      itemStyle: { color: color },
      renderItem: function (params, api) {
        var cat = api.value(0);
        var val = api.value(1);
        var lo = api.value(2);
        var hi = api.value(3);
        var at = function (v) { return horizontal ? api.coord([v, cat]) : api.coord([cat, v]); };
        var band = api.size(horizontal ? [0, 1] : [1, 0]);
        var bw = horizontal ? band[1] : band[0];
        var shift = offset * bw;
        var p = at(val);
        var a = at(lo);
        var b = at(hi);
        if (horizontal) { p[1] += shift; a[1] += shift; b[1] += shift; } else { p[0] += shift; a[0] += shift; b[0] += shift; }
        var cap = Math.max(3, Math.min(6, bw * 0.12));
        var line = { stroke: color, lineWidth: 2 };
        var children = [
          { type: 'line', shape: { x1: a[0], y1: a[1], x2: b[0], y2: b[1] }, style: line },
          horizontal
            ? { type: 'line', shape: { x1: a[0], y1: a[1] - cap, x2: a[0], y2: a[1] + cap }, style: line }
            : { type: 'line', shape: { x1: a[0] - cap, y1: a[1], x2: a[0] + cap, y2: a[1] }, style: line },
          horizontal
            ? { type: 'line', shape: { x1: b[0], y1: b[1] - cap, x2: b[0], y2: b[1] + cap }, style: line }
            : { type: 'line', shape: { x1: b[0] - cap, y1: b[1], x2: b[0] + cap, y2: b[1] }, style: line },
          opts.symbol === 'diamond'
            ? { type: 'polygon', shape: { points: [[p[0], p[1] - 6], [p[0] + 6, p[1]], [p[0], p[1] + 6], [p[0] - 6, p[1]]] }, style: { fill: color, stroke: '#ffffff', lineWidth: 1 } }
            : { type: 'circle', shape: { cx: p[0], cy: p[1], r: 5.5 }, style: { fill: color, stroke: '#ffffff', lineWidth: 1 } },
        ];
        return { type: 'group', children: children };
      },
    };
  }

  /** Markers for categories whose country does not adopt the measure: a dashed tag reading "not adopted", never a value. */
  function notAdoptedTags(items, opts) {
    return {
      type: 'scatter', name: NOT_ADOPTED.name, data: items, symbol: 'rect', symbolSize: (opts && opts.size) || [70, 14],
      itemStyle: notAdoptedStyle(), z: 5,
      label: { show: true, position: 'inside', formatter: 'not adopted', fontSize: 10, fontStyle: 'italic', color: NOT_ADOPTED.text },
      tooltip: { formatter: function (p) { return kit.escapeHtml((p.name || '') + ': not adopted — the national profile governing this country does not apply this measure'); } },
    };
  }

  /** Markers for suppressed categories: a hatched tag reading "suppressed", at a fixed spot, never a value. */
  function suppressedTags(items, opts) {
    return {
      type: 'scatter', name: 'Suppressed (small cell)', data: items, symbol: 'rect', symbolSize: opts.size || [62, 14],
      itemStyle: kit.suppressedStyle(), z: 5,
      label: { show: true, position: 'inside', formatter: 'suppressed', fontSize: 10, color: kit.SUPPRESSED.text, backgroundColor: 'rgba(255,255,255,0.8)', padding: [0, 2] },
      tooltip: { formatter: function (p) { return kit.escapeHtml((p.data.label0 || p.name) + ': suppressed — fewer than k cases, figures withheld'); } },
    };
  }

  /** The words for an absent cell under the disclosure control of ctx (null without one). */
  function absentWords(ctx) {
    var dc = ctx && ctx.disclosure;
    return dc ? { absent: 'fewer than ' + dc.k + ', or none', absentShort: '<' + dc.k + '\nor none' } : {};
  }

  return { NOT_ADOPTED: NOT_ADOPTED, notAdoptedTags: notAdoptedTags, absentWords: absentWords, heatCells: heatCells, percentScale: percentScale, markerScale: markerScale, heatTooltip: heatTooltip, pointWhiskers: pointWhiskers, suppressedTags: suppressedTags };
});
