/*
 * Catalogue documents as the dashboards read them (CATALOGUE.md "Versions and national profiles"):
 * which published document governs a country at a date, the measures it does not adopt, and the
 * words for both. Pure functions over the answers of GET /v1/catalogue and GET /v1/catalogue/{id};
 * UMD like the chart kit (`TRMCatalogueView` in the browser, `require()` in Node), so the pages and
 * the server-rendered SVG panels mark exactly the same cells "not adopted".
 */
(function (root, factory) {
  if (typeof module === 'object' && module.exports) module.exports = factory();
  else root.TRMCatalogueView = factory();
})(typeof self !== 'undefined' ? self : this, function () {
  'use strict';

  var SHIPPED_EFFECTIVE_FROM = '0001-01-01';
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  /** The list of GET /v1/catalogue, whichever envelope it comes in (an array, or { documents | items | rows }). */
  function listOf(answer) {
    if (Array.isArray(answer)) return answer;
    if (!answer || typeof answer !== 'object') return [];
    var l = answer.documents || answer.items || answer.rows;
    return Array.isArray(l) ? l : [];
  }

  /** Published documents known at a knowledge time (ISO instant; none: all), in publication order. */
  function knownAt(list, asOf) {
    if (!asOf) return list.slice();
    var t = Date.parse(asOf);
    if (isNaN(t)) return list.slice();
    return list.filter(function (d) { return !d.publishedAt || Date.parse(d.publishedAt) <= t; });
  }

  /** Latest effective of `docs` at `date` (YYYY-MM-DD); ties go to the later publication (list order). */
  function latestEffective(docs, date) {
    var best = null;
    docs.forEach(function (d) {
      if (typeof d.effectiveFrom === 'string' && d.effectiveFrom <= date && (!best || d.effectiveFrom >= best.effectiveFrom)) best = d;
    });
    return best;
  }

  /**
   * The document governing a country's cases opened at `date` (YYYY-MM-DD), among the documents
   * known at `asOf`: the country's national profile with the greatest effectiveFrom ≤ date, else
   * the baseline likewise — V(c) of INDICATORS.md for a case opened that day.
   */
  function governing(list, country, date, asOf) {
    var known = knownAt(list, asOf);
    var profiles = known.filter(function (d) { return d.kind === 'national' && d.country === country; });
    return latestEffective(profiles, date) || latestEffective(known.filter(function (d) { return d.kind === 'baseline'; }), date);
  }

  /** The date a dashboard asks about: the day of the "as of" time, else today (UTC). */
  function dateOf(asOf, now) {
    var t = asOf ? Date.parse(asOf) : NaN;
    return new Date(isNaN(t) ? (now ? now.getTime() : Date.now()) : t).toISOString().slice(0, 10);
  }

  /** "national profile trm-BG-1, in effect since 2025-01-01" / "baseline trm-baseline-2, in effect since …". */
  function describe(doc) {
    if (!doc) return 'no catalogue document';
    var what = doc.kind === 'national' ? 'national profile ' + doc.id + (doc.base ? ' (on ' + doc.base + ')' : '') : 'baseline ' + doc.id;
    var since = !doc.effectiveFrom || doc.effectiveFrom === SHIPPED_EFFECTIVE_FROM ? 'in effect from the start (shipped with the service)' : 'in effect since ' + doc.effectiveFrom;
    return what + ', ' + since;
  }

  /**
   * What panels read of the catalogue documents (`ctx.documents`): for each country the document
   * governing it at the date and, resolved, the measures it does not adopt.
   * `resolved`: id → the answer of GET /v1/catalogue/{id} (only national profiles need one).
   */
  function governingMap(list, resolved, countries, date, asOf) {
    var out = {};
    countries.forEach(function (c) {
      var doc = governing(list, c, date, asOf);
      if (!doc) return;
      var r = resolved && Object.prototype.hasOwnProperty.call(resolved, doc.id) ? resolved[doc.id] : null;
      var notAdopted = r && Array.isArray(r.measures)
        ? r.measures.filter(function (m) { return m && m.adopted === false; }).map(function (m) { return String(m.code); })
        : [];
      out[c] = { document: doc, resolved: r, notAdopted: notAdopted };
    });
    return out;
  }

  /** The ids a governing map needs resolved: national profiles (a baseline adopts every measure). */
  function toResolve(list, countries, date, asOf) {
    var ids = [];
    countries.forEach(function (c) {
      var d = governing(list, c, date, asOf);
      if (d && d.kind === 'national' && ids.indexOf(d.id) < 0) ids.push(d.id);
    });
    return ids;
  }

  /** Countries with a national profile among the documents (those the programme page must resolve). */
  function profileCountries(list) {
    var cs = [];
    list.forEach(function (d) { if (d.kind === 'national' && typeof d.country === 'string' && cs.indexOf(d.country) < 0) cs.push(d.country); });
    return cs.sort();
  }

  /** Is `measure` not adopted by the document governing `country` in ctx (false when unknown)? */
  function notAdopted(ctx, country, measure) {
    var g = ctx && ctx.documents && ctx.documents.governing;
    var e = g && country && Object.prototype.hasOwnProperty.call(g, country) ? g[country] : null;
    return !!(e && e.notAdopted.indexOf(measure) >= 0);
  }

  /** The governing entry of a country in ctx, or null. */
  function governingOf(ctx, country) {
    var g = ctx && ctx.documents && ctx.documents.governing;
    return g && country && Object.prototype.hasOwnProperty.call(g, country) ? g[country] : null;
  }

  /** catalogueVersions of the answers behind a panel (INDICATORS.md), sorted, once each. */
  function versionsOf(data) {
    var seen = [];
    Object.keys(data || {}).forEach(function (k) {
      var a = data[k];
      (a && Array.isArray(a.catalogueVersions) ? a.catalogueVersions : []).forEach(function (v) {
        if (typeof v === 'string' && seen.indexOf(v) < 0) seen.push(v);
      });
    });
    return seen.sort();
  }

  function deadlineText(d) {
    if (d === null || d === undefined) return 'no deadline';
    return d.within + ' after ' + d.anchor;
  }

  /** Rows of a resolved document for a table: code, SOP, title, applies to, deadline in force, adopted. */
  function measureRows(resolved) {
    return ((resolved && resolved.measures) || []).map(function (m) {
      return {
        code: m.code, sop: m.sop, title: m.title, 'applies to': (m.appliesTo || []).join(' + '),
        'deadline in force': deadlineText(m.deadline), before: m.before || '', adopted: m.adopted === false ? 'not adopted' : 'adopted',
        _class: m.adopted === false ? 'not-adopted' : '',
      };
    });
  }

  function valueText(v) {
    if (v === null || v === undefined) return '—';
    if (Array.isArray(v)) return v.join(', ');
    if (typeof v === 'object') return JSON.stringify(v);
    return String(v);
  }

  /**
   * A diff (GET /v1/catalogue/diff) as one table: each change with its kind — added, dropped,
   * re-timed (deadline changed, given or removed), adoption, or another field changed.
   */
  function diffRows(diff) {
    var rows = [];
    if (!diff) return rows;
    (diff.added || []).forEach(function (m) { rows.push({ change: 'added', code: m.code, from: '—', to: m.title + ' · ' + deadlineText(m.deadline), _class: 'added' }); });
    (diff.removed || []).forEach(function (m) { rows.push({ change: 'dropped', code: m.code, from: m.title + ' · ' + deadlineText(m.deadline), to: '—', _class: 'dropped' }); });
    (diff.deadlines || []).forEach(function (d) {
      rows.push({ change: d.from === null ? 'deadline given' : d.to === null ? 'deadline removed' : 're-timed', code: d.code, from: deadlineText(d.from), to: deadlineText(d.to), _class: 'retimed' });
    });
    (diff.adoption || []).forEach(function (a) {
      rows.push({ change: a.to ? 'adopted' : 'not adopted', code: a.code, from: a.from ? 'adopted' : 'not adopted', to: a.to ? 'adopted' : 'not adopted', _class: 'adoption' });
    });
    (diff.changed || []).forEach(function (c) { rows.push({ change: c.field + ' changed', code: c.code, from: valueText(c.from), to: valueText(c.to), _class: 'changed' }); });
    return rows;
  }

  return {
    listOf: listOf, knownAt: knownAt, governing: governing, dateOf: dateOf, describe: describe, governingMap: governingMap,
    toResolve: toResolve, profileCountries: profileCountries, notAdopted: notAdopted, governingOf: governingOf,
    versionsOf: versionsOf, measureRows: measureRows, diffRows: diffRows, deadlineText: deadlineText, DATE: DATE,
  };
});
