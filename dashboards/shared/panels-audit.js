/*
 * Audit panels: a case's history as a bitemporal timeline, the submissions log, tamper-evidence and
 * replay status, and "what did this panel show as of T". Shared by browser and Node (UMD).
 * The audit endpoints answer the shapes of libs/audit/src/audit.controller.ts (CONTRACT.md §2).
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory(require('./chart-kit.js'));
  else root.TRMPanelsAudit = factory(root.TRMChartKit);
})(typeof self !== 'undefined' ? self : this, function (kit) {
  'use strict';

  var TYPE_COLORS = {
    'case.opened': '#0072B2', 'measure.recorded': '#009E73', 'referral.sent': '#E69F00', 'referral.received': '#56B4E9',
    'referral.feedback': '#CC79A7', 'case.closed': '#000000', 'event.retracted': '#D55E00',
  };

  /** Where the submissions chart's log axis starts: a third of a decade below 1. */
  var LOG_FLOOR = 0.5;

  function shortTime(iso) {
    return iso ? iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, 'Z') : '';
  }

  function describeEvent(e) {
    var d = e.data || {};
    switch (e.type) {
      case 'measure.recorded': return d.measure + ' ' + d.status;
      case 'referral.sent': return 'referral → ' + d.toCountry + ' (' + d.purpose + ')';
      case 'referral.received': return 'referral ← ' + d.fromCountry;
      case 'referral.feedback': return 'feedback → ' + d.toCountry + ': ' + d.outcome;
      case 'case.closed': return 'closed: ' + d.reason;
      case 'event.retracted': return 'retracts ' + String(d.retractsEventId).slice(0, 8) + '… (' + d.reason + ')';
      case 'case.opened': return 'opened (' + (d.country || '') + ')';
      default: return e.type;
    }
  }

  function flattenEvent(e) {
    var o = { position: e.position, revision: e.revision, eventId: e.eventId, type: e.type };
    var d = e.data || {};
    Object.keys(d).sort().forEach(function (k) {
      var v = d[k];
      if (v && typeof v === 'object' && !Array.isArray(v)) Object.keys(v).sort().forEach(function (j) { o['data.' + k + '.' + j] = v[j]; });
      else o['data.' + k] = v;
    });
    o.recordedAt = e.recordedAt; o.submissionId = e.submissionId; o.keyId = e.keyId; o.channel = e.channel; o.hash = e.hash;
    o.retractedBy = e.retractedBy ? e.retractedBy.eventId : null;
    o.retractedAt = e.retractedBy ? e.retractedBy.recordedAt : null;
    return o;
  }

  var timeline = {
    id: 'audit-case-timeline', dashboard: 'audit', wide: true, height: 380, ssr: false,
    title: 'Case history (bitemporal timeline)',
    description: 'Every stored event of one case: ● when it happened (occurredAt), ○ when the service learned it (recordedAt), joined by the reporting delay. Struck-out grey events were retracted; faded events were not yet known at the "as of" time.',
    controls: [{ name: 'case', label: 'Case id', input: 'text', placeholder: '26-letter pseudonymous case id' }],
    requests: function (f) {
      if (!f['case']) return [];
      return [{ key: 'case', path: '/v1/audit/cases/' + encodeURIComponent(f['case']) + '/events', params: {} }];
    },
    csv: function (data) {
      var rows = ((data['case'] && data['case'].events) || []).map(flattenEvent);
      return { columns: kit.orderColumns(rows, ['position', 'revision', 'eventId', 'type']), rows: rows };
    },
    table: function (data) {
      // No case chosen: nothing was asked, so there is no count to state.
      if (!data['case']) return null;
      var events = data['case'].events || [];
      return {
        caption: events.length + ' stored event(s) of case ' + data['case'].caseId,
        columns: ['position', 'revision', 'type', 'what', 'occurredAt', 'recordedAt', 'submissionId', 'keyId', 'channel', 'hash', 'retractedBy'],
        rows: events.map(function (e) {
          return {
            position: e.position, revision: e.revision, type: e.type, what: describeEvent(e), occurredAt: shortTime((e.data || {}).occurredAt),
            recordedAt: shortTime(e.recordedAt), submissionId: String(e.submissionId || '').slice(0, 8), keyId: e.keyId, channel: e.channel,
            hash: String(e.hash || '').slice(0, 12), retractedBy: e.retractedBy ? String(e.retractedBy.eventId).slice(0, 8) + ' at ' + shortTime(e.retractedBy.recordedAt) : '',
            _class: e.retractedBy ? 'retracted' : '',
          };
        }),
      };
    },
    build: function (data, ctx) {
      var f = ctx.filters || {};
      if (!f['case']) return { empty: 'Enter a case id above (from the rapporteur dashboard\'s overdue-case list, or the case lookup) to see its history.' };
      var events = (data['case'] && data['case'].events) || [];
      if (!events.length) return { empty: 'This case has no stored events.' };
      var asOf = f.asOf ? Date.parse(f.asOf) : null;
      var cats = events.map(function (e) { return '#' + e.revision + ' ' + describeEvent(e); });
      var happened = [];
      var learned = [];
      var delays = [];
      events.forEach(function (e, i) {
        var occ = Date.parse((e.data || {}).occurredAt);
        var rec = Date.parse(e.recordedAt);
        var unknown = asOf !== null && rec > asOf;
        var color = e.retractedBy ? '#9e9e9e' : TYPE_COLORS[e.type] || '#000000';
        var opacity = unknown ? 0.25 : 1;
        happened.push({ value: [occ, i], ev: e, symbol: e.retractedBy ? 'path://M0,0L10,10M10,0L0,10' : 'circle', itemStyle: { color: color, borderColor: color, opacity: opacity, borderWidth: e.retractedBy ? 2 : 0 } });
        learned.push({ value: [rec, i], ev: e, itemStyle: { color: '#ffffff', borderColor: color, borderWidth: 2, opacity: opacity } });
        delays.push({ coords: [[occ, i], [rec, i]], lineStyle: { color: color, opacity: unknown ? 0.2 : 0.6, type: e.retractedBy ? 'dashed' : 'solid' } });
      });
      var times = happened.concat(learned).map(function (d) { return d.value[0]; }).concat(asOf !== null ? [asOf] : []);
      var lo = Math.min.apply(null, times);
      var hi = Math.max.apply(null, times);
      var pad = Math.max(3600000, (hi - lo) * 0.03);
      var series = [
        { type: 'lines', name: 'Reporting delay', coordinateSystem: 'cartesian2d', data: delays, lineStyle: { width: 2 }, silent: true },
        { type: 'scatter', name: 'Happened (occurredAt)', data: happened, symbolSize: 11, z: 4, itemStyle: { color: '#0072B2' } },
        { type: 'scatter', name: 'Recorded (recordedAt)', data: learned, symbolSize: 10, z: 5, itemStyle: { color: '#ffffff', borderColor: '#0072B2', borderWidth: 2 } },
      ];
      if (asOf !== null) {
        series[1].markLine = { silent: true, symbol: 'none', lineStyle: { color: '#D55E00', type: 'dashed', width: 2 }, label: { formatter: 'as of ' + shortTime(f.asOf), color: '#D55E00', position: 'insideEndTop', fontWeight: 600 }, data: [{ xAxis: asOf }] };
      }
      return {
        height: Math.max(220, 90 + 26 * events.length),
        option: kit.baseOption(ctx, {
          tooltip: {
            formatter: function (p) {
              var e = p.data.ev;
              if (!e) return '';
              var lines = [e.type + ' · ' + describeEvent(e), 'occurred ' + shortTime((e.data || {}).occurredAt), 'recorded ' + shortTime(e.recordedAt) + ' via ' + e.channel + ' by key ' + e.keyId,
                'submission ' + e.submissionId, 'position ' + e.position + ' · revision ' + e.revision + ' · hash ' + String(e.hash).slice(0, 16) + '…'];
              if (e.retractedBy) lines.push('RETRACTED by ' + e.retractedBy.eventId + ' at ' + shortTime(e.retractedBy.recordedAt));
              return lines.map(kit.escapeHtml).join('<br/>');
            },
          },
          legend: { top: 0, left: 'center', data: ['Happened (occurredAt)', 'Recorded (recordedAt)'] },
          grid: { left: 260, right: 30, top: 34, bottom: 30 },
          xAxis: {
            type: 'time', min: lo - pad, max: hi + pad, splitLine: { show: true, lineStyle: { color: '#eeeeee' } },
            axisLabel: { hideOverlap: true, formatter: { year: '{yyyy}', month: '{MMM} {yyyy}', day: '{d} {MMM}', hour: '{d} {MMM} {HH}:{mm}', minute: '{HH}:{mm}', second: '{HH}:{mm}:{ss}' } },
          },
          yAxis: {
            type: 'category', data: cats, inverse: true, axisTick: { show: false },
            axisLabel: {
              fontSize: 11, width: 250, overflow: 'truncate',
              formatter: function (v, i) { return events[i] && events[i].retractedBy ? '{gone|' + v + ' (retracted)}' : v; },
              rich: { gone: { color: '#8a8a8a', fontSize: 11, textDecoration: 'line-through' } },
            },
          },
          series: series,
        }),
      };
    },
  };

  var submissions = {
    id: 'audit-submissions', dashboard: 'audit', wide: true, height: 320, ssr: false,
    title: 'Submissions log (latest 50)',
    description: 'Who submitted what and when: events accepted, duplicates (already stored, same content) and rejected, per submission (side by side, on a log scale so a one-event submission shows beside a batch of thousands).',
    requests: function () { return [{ key: 'submissions', path: '/v1/audit/submissions', params: { limit: '50' } }]; },
    csv: function (data) {
      var rows = (data.submissions && data.submissions.submissions) || [];
      return { columns: ['submissionId', 'keyId', 'channel', 'receivedAt', 'received', 'accepted', 'duplicates', 'rejectedCount'], rows: rows };
    },
    table: function (data) {
      var rows = (data.submissions && data.submissions.submissions) || [];
      return { caption: rows.length + ' submission(s), newest first', columns: ['receivedAt', 'submissionId', 'keyId', 'channel', 'received', 'accepted', 'duplicates', 'rejectedCount'], rows: rows.map(function (r) {
        return Object.assign({}, r, { receivedAt: shortTime(r.receivedAt), _class: r.rejectedCount ? 'warn' : '' });
      }) };
    },
    build: function (data, ctx) {
      var rows = ((data.submissions && data.submissions.submissions) || []).slice().reverse();
      if (!rows.length) return { empty: 'No submissions recorded yet.' };
      var cats = rows.map(function (r) { return shortTime(r.receivedAt).slice(5, 16) + '\n' + r.keyId; });
      // Side by side, not stacked: on a log scale a stacked segment's length is not its count.
      var bar = function (name, k, color) {
        return { type: 'bar', name: name, barMaxWidth: 16, barGap: '10%', itemStyle: { color: color }, data: rows.map(function (r) { return r[k]; }) };
      };
      return {
        option: kit.baseOption(ctx, {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { top: 0, left: 'center' },
          grid: { left: 56, right: 16, top: 34, bottom: 44 },
          xAxis: { type: 'category', data: cats, axisLabel: { fontSize: 10, lineHeight: 13, hideOverlap: true } },
          // The axis starts below 1 so that a count of 1 is a visible bar, not one sitting on the baseline.
          yAxis: { type: 'log', logBase: 10, min: LOG_FLOOR, name: 'events (log)', axisLabel: { formatter: function (v) { return v >= 1 ? String(v) : ''; } } },
          series: [bar('Accepted', 'accepted', '#009E73'), bar('Duplicates', 'duplicates', '#56B4E9'), bar('Rejected', 'rejectedCount', '#D55E00')].map(function (s) {
            s.data = s.data.map(function (v) { return v > 0 ? v : null; });
            return s;
          }),
        }),
      };
    },
  };

  var integrity = {
    id: 'audit-integrity', dashboard: 'audit', wide: true, height: 170, ssr: false,
    title: 'Tamper evidence and replay',
    description: 'Verify recomputes every stream\'s hash chain and the global sequence. Replay rebuilds the warehouse from the event store beside the live one and compares every indicator (expected: no differences).',
    actions: [
      { name: 'verify', label: 'Verify tamper evidence', method: 'POST', path: '/v1/audit/verify', body: {} },
      { name: 'replay', label: 'Run replay (compare, no swap)', method: 'POST', path: '/v1/audit/replay', body: { swap: false }, poll: '/v1/audit/replay' },
    ],
    requests: function () { return [{ key: 'progress', path: '/v1/audit/replay', params: {}, optional: true }]; },
    csv: function (data) {
      var rows = [];
      var v = data.verify;
      var r = data.replay;
      if (v) (v.problems || []).forEach(function (p) { rows.push(Object.assign({ check: 'verify' }, p)); });
      if (r) (r.differences || []).forEach(function (d) { rows.push({ check: 'replay', indicator: d.indicator, groupBy: (d.groupBy || []).join(','), row: d.row, live: JSON.stringify(d.live), replay: JSON.stringify(d.replay) }); });
      if (v) rows.unshift({ check: 'verify', ok: v.ok, checked: v.checked, problems: (v.problems || []).length });
      if (r) rows.unshift({ check: 'replay', ok: r.ok, replayed: r.replayed, differences: (r.differences || []).length });
      return { columns: kit.orderColumns(rows, ['check', 'ok', 'checked', 'replayed', 'problems', 'differences']), rows: rows };
    },
    build: function (data, ctx) {
      var v = data.verify;
      var r = data.replay;
      var p = data.progress || {};
      var last = r || p.last;
      var cats = ['Verify', 'Replay'];
      var good = [v ? v.checked - (v.problems || []).length : null, last ? last.replayed : p.running ? p.replayed : null];
      var bad = [v ? (v.problems || []).length : null, last ? (last.differences || []).length : null];
      var status = [
        v ? (v.ok ? 'OK · ' + v.checked + ' events checked, no problem' : 'PROBLEMS · ' + v.problems.length + ' of ' + v.checked + ' events') : 'not run in this session',
        p.running ? 'running · ' + p.replayed + ' / ' + p.total + ' events' : last ? (last.ok ? 'OK · ' + last.replayed + ' events replayed, no difference' : 'DIFFERENCES · ' + last.differences.length) : 'not run yet',
      ];
      return {
        option: kit.baseOption(ctx, {
          tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
          legend: { bottom: 0, left: 'center', data: ['Events confirmed', 'Problems / differences'] },
          grid: { left: 64, right: 24, top: 8, bottom: 50, containLabel: false },
          xAxis: { type: 'value', min: 0, minInterval: 1 },
          yAxis: { type: 'category', data: cats, inverse: true, axisTick: { show: false } },
          series: [
            { type: 'bar', name: 'Events confirmed', stack: 'x', itemStyle: { color: '#009E73' }, barWidth: 26, data: good,
              label: { show: true, position: 'insideLeft', color: '#ffffff', fontWeight: 600, formatter: function (q) { return status[q.dataIndex]; } } },
            { type: 'bar', name: 'Problems / differences', stack: 'x', itemStyle: { color: '#D55E00' }, barWidth: 26, data: bad },
            { type: 'scatter', name: 'status', data: [[0, 0], [0, 1]].map(function (c, i) { return good[i] === null ? { value: c, label: { show: true, position: 'right', formatter: status[i], color: '#46525f' } } : null; }).filter(Boolean), symbolSize: 0 },
          ],
        }),
      };
    },
  };

  return { panels: [timeline, submissions, integrity], describeEvent: describeEvent, flattenEvent: flattenEvent, LOG_FLOOR: LOG_FLOOR };
});
