/*
 * Browser shell of the three dashboards: sign-in (key in sessionStorage only), filters mirrored in
 * the URL, one ECharts instance per panel (SVG renderer, so the SVG export is the chart itself),
 * loading / empty / error states, CSV and SVG export, drill-down tables and audit actions.
 * Every request goes to this origin; nothing is loaded from elsewhere.
 */
(function () {
  'use strict';
  var P = window.TRMPanels;
  var kit = P.kit;
  var cv = P.catalogueView;
  var KEY_STORE = 'trm.apiKey';
  var dashboard = document.body.getAttribute('data-dashboard');
  var meta = P.DASHBOARDS[dashboard];
  var state = {
    key: sessionStorage.getItem(KEY_STORE), filters: readUrl(), catalogue: null, countries: [], panels: {}, suppression: null, disclosure: null,
    // Published catalogue documents (GET /v1/catalogue), resolved ones by id (immutable: fetched once), and what governs each country.
    documents: { list: [], resolved: {}, governing: {}, available: false },
  };
  var ui = {};

  function readUrl() {
    var q = new URLSearchParams(location.search);
    return P.filtersFrom(function (k) { return q.get(k); });
  }

  function writeUrl(push) {
    var q = kit.queryString(state.filters);
    var url = location.pathname + (q ? '?' + q : '');
    if (url !== location.pathname + location.search) history[push ? 'pushState' : 'replaceState'](null, '', url);
    updateNav();
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') e.textContent = attrs[k];
      else if (k.slice(0, 2) === 'on') e.addEventListener(k.slice(2), attrs[k]);
      else if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) e.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return e;
  }

  function ApiError(status, message, path) {
    this.status = status;
    this.message = message;
    this.path = path;
  }

  function api(path, params, opts) {
    opts = opts || {};
    var qs = kit.queryString(params || {});
    var url = path + (qs ? '?' + qs : '');
    var headers = { authorization: 'Bearer ' + state.key, accept: 'application/json' };
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    return fetch(url, { method: opts.method || 'GET', headers: headers, body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined, cache: 'no-store' })
      .then(function (res) {
        return res.text().then(function (text) {
          var body;
          try { body = text ? JSON.parse(text) : null; } catch (_e) { body = { message: text.slice(0, 200) }; }
          if (!res.ok) throw new ApiError(res.status, (body && body.message) || res.statusText, url);
          return body;
        });
      });
  }

  function explain(err, what) {
    if (!(err instanceof ApiError)) return 'Could not load ' + what + ': ' + (err && err.message ? err.message : String(err));
    if (err.status === 401) return 'Your API key was not accepted (401). Sign in again.';
    if (err.status === 403) return 'Your key\'s role or country scope may not read this (403): ' + err.message;
    if (err.status === 404) return 'Not available on this server (404: ' + err.path.split('?')[0] + ').';
    if (err.status === 400) return 'The server refused these filters (400): ' + err.message;
    return 'The server answered ' + err.status + ': ' + err.message;
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var a = el('a', { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(url); a.remove(); }, 1000);
  }

  // ---------------------------------------------------------------- layout
  function layout() {
    var app = document.getElementById('app');
    ui.nav = el('nav', { 'aria-label': 'Dashboards' }, Object.keys(P.DASHBOARDS).map(function (d) {
      return el('a', { href: '/dashboards/' + d, 'aria-current': d === dashboard ? 'page' : null, 'data-dashboard-link': d, text: d[0].toUpperCase() + d.slice(1) });
    }));
    ui.who = el('span', { class: 'who' });
    ui.signOut = el('button', { type: 'button', class: 'link', hidden: true, onclick: signOut, text: 'Sign out' });
    app.appendChild(el('header', { class: 'topbar' }, [
      el('div', { class: 'brand' }, [el('strong', { text: 'TRM Monitor' }), el('span', { text: meta.title })]),
      ui.nav, el('div', { class: 'session' }, [ui.who, ui.signOut]),
    ]));
    ui.banner = el('div', { class: 'demo-banner', role: 'status', hidden: true, text: 'SYNTHETIC DEMO DATA — not real cases' });
    app.appendChild(ui.banner);
    ui.keyInput = el('input', { id: 'api-key', name: 'api-key', type: 'password', autocomplete: 'off', required: true, spellcheck: 'false' });
    ui.signInError = el('p', { class: 'error', role: 'alert' });
    ui.signIn = el('section', { class: 'signin', hidden: true }, [
      el('form', { onsubmit: onSignIn }, [
        el('h2', { text: 'Sign in' }),
        el('p', { text: 'Use the API key you were given. It stays in this browser tab only (session storage) and is sent to this server as a bearer token.' }),
        el('label', { for: 'api-key', text: 'API key' }), ui.keyInput,
        el('button', { type: 'submit', text: 'Sign in' }), ui.signInError,
      ]),
    ]);
    app.appendChild(ui.signIn);
    ui.main = el('div', { class: 'content', hidden: true });
    app.appendChild(ui.main);
  }

  function field(label, input, hint) {
    return el('label', { class: 'field' }, [el('span', { text: label }), input, hint ? el('small', { text: hint }) : null]);
  }

  function filterBar() {
    var f = state.filters;
    ui.from = el('input', { type: 'date', name: 'from', value: f.from || '' });
    ui.to = el('input', { type: 'date', name: 'to', value: f.to || '' });
    ui.asOf = el('input', { type: 'datetime-local', name: 'asOf', step: '60', value: f.asOf ? f.asOf.slice(0, 16) : '' });
    ui.country = el('select', { name: 'country' });
    ui.age = el('select', { name: 'age' }, [['', 'Children and adults'], ['child', 'Children only'], ['adult', 'Adults only']].map(opt));
    ui.exploitation = el('select', { name: 'exploitation' }, [['', 'All forms']].concat(P.EXPLOITATION.map(function (x) { return [x, x.replace(/_/g, ' ')]; })).map(opt));
    ui.age.value = f.age || '';
    ui.exploitation.value = f.exploitation || '';
    [ui.from, ui.to, ui.asOf, ui.country, ui.age, ui.exploitation].forEach(function (i) { i.addEventListener('change', onFilterChange); });
    ui.summary = el('p', { class: 'summary', 'aria-live': 'polite' });
    return el('section', { class: 'filters', 'aria-label': 'Filters' }, [
      el('form', { onsubmit: function (e) { e.preventDefault(); } }, [
        field('From (opened / occurred)', ui.from), field('To (exclusive)', ui.to), field('As of (UTC)', ui.asOf, 'knowledge time'),
        field('Country', ui.country), field('Child / adult', ui.age), field('Form of exploitation', ui.exploitation),
        el('button', { type: 'button', class: 'secondary', onclick: resetFilters, text: 'Reset' }),
      ]),
      ui.summary,
    ]);
  }

  function opt(pair) {
    return el('option', { value: pair[0], text: pair[1] });
  }

  function updateNav() {
    var keep = {};
    P.FILTER_KEYS.forEach(function (k) { if (state.filters[k]) keep[k] = state.filters[k]; });
    var q = kit.queryString(keep);
    Array.prototype.forEach.call(ui.nav.querySelectorAll('a'), function (a) {
      a.setAttribute('href', '/dashboards/' + a.getAttribute('data-dashboard-link') + (q ? '?' + q : ''));
    });
  }

  function summaryText() {
    var f = state.filters;
    var parts = [];
    parts.push(f.country ? 'Country ' + f.country : 'All countries in your key\'s scope');
    parts.push(f.from || f.to ? 'period ' + (f.from || '…') + ' to ' + (f.to || '…') + ' (exclusive)' : 'all periods');
    parts.push(f.age === 'child' ? 'children only' : f.age === 'adult' ? 'adults only' : 'children and adults');
    parts.push(f.exploitation ? 'exploitation: ' + f.exploitation.replace(/_/g, ' ') : 'all forms of exploitation');
    parts.push(f.asOf ? 'as known on ' + f.asOf : 'as known now');
    var s = parts.join(' · ') + '.';
    if (state.disclosure) s += ' ' + P.disclosureNote(state.disclosure);
    else if (state.suppression && state.suppression.applied) s += ' Cells under ' + state.suppression.k + ' cases are suppressed for your role (hatched, never shown as zero).';
    return s;
  }

  function onFilterChange() {
    var f = state.filters;
    var set = function (k, v) { if (v) f[k] = v; else delete f[k]; };
    if (state.disclosure) {
      // Month and day inputs (disclosure control): the first of the month, 00:00 UTC of the day.
      set('from', ui.from.value ? ui.from.value.slice(0, 7) + '-01' : '');
      set('to', ui.to.value ? ui.to.value.slice(0, 7) + '-01' : '');
      set('asOf', ui.asOf.value ? ui.asOf.value.slice(0, 10) + 'T00:00:00Z' : '');
    } else {
      set('from', ui.from.value);
      set('to', ui.to.value);
      set('asOf', ui.asOf.value ? ui.asOf.value.slice(0, 16) + ':00Z' : '');
    }
    set('country', ui.country.value);
    set('age', ui.age.value);
    set('exploitation', ui.exploitation.value);
    writeUrl(true);
    refreshAll();
  }

  function resetFilters() {
    var keepCountry = meta.singleCountry ? state.filters.country : undefined;
    state.filters = keepCountry ? { country: keepCountry } : {};
    syncFilterInputs();
    writeUrl(true);
    refreshAll();
  }

  /**
   * Under disclosure control the API takes whole months for from/to and rounds asOf down to the
   * day: the inputs become a month and a day picker, and filters already set are aligned the same way.
   */
  function coarsenFilters() {
    if (!state.disclosure || ui.from.type === 'month') return;
    ui.from.type = 'month';
    ui.to.type = 'month';
    ui.asOf.type = 'date';
    ui.asOf.removeAttribute('step');
    var f = state.filters;
    if (f.from) f.from = f.from.slice(0, 7) + '-01';
    if (f.to && !/^\d{4}-\d{2}-01$/.test(f.to)) f.to = nextMonth(f.to);
    if (f.asOf) f.asOf = f.asOf.slice(0, 10) + 'T00:00:00Z';
    Array.prototype.forEach.call(ui.main.querySelectorAll('.filters small'), function (s) { s.textContent = 'knowledge at 00:00 UTC of the day'; });
    syncFilterInputs();
    writeUrl(false);
  }

  /** The first of the month after the month of a date (an exclusive bound that keeps the whole month). */
  function nextMonth(d) {
    var y = Number(d.slice(0, 4));
    var m = Number(d.slice(5, 7));
    return (m === 12 ? (y + 1) + '-01' : y + '-' + (m < 9 ? '0' : '') + (m + 1)) + '-01';
  }

  function syncFilterInputs() {
    var f = state.filters;
    var month = ui.from.type === 'month';
    ui.from.value = f.from ? (month ? f.from.slice(0, 7) : f.from) : '';
    ui.to.value = f.to ? (month ? f.to.slice(0, 7) : f.to) : '';
    ui.asOf.value = f.asOf ? f.asOf.slice(0, month ? 10 : 16) : '';
    ui.country.value = f.country || '';
    ui.age.value = f.age || '';
    ui.exploitation.value = f.exploitation || '';
  }

  // ---------------------------------------------------------------- panels
  function panelView(panel) {
    var ps = { panel: panel, seq: 0, data: null, actionData: {} };
    ps.chartEl = el('div', { class: 'chart', style: 'height:' + panel.height + 'px', role: 'img', 'aria-label': panel.title });
    ps.overlay = el('div', { class: 'overlay' });
    ps.tableEl = el('div', { class: 'table-wrap' });
    ps.source = el('p', { class: 'source' });
    ps.note = el('p', { class: 'disclosure-note', hidden: true });
    ps.controls = el('div', { class: 'controls' });
    ps.actionsEl = el('div', { class: 'actions' });
    ps.csvButton = el('button', { type: 'button', class: 'export', 'data-export': 'csv', title: 'Download the numbers the API returned', onclick: function () { exportCsv(ps); }, text: 'CSV' });
    ps.svgButton = el('button', { type: 'button', class: 'export', 'data-export': 'svg', title: 'Download the chart as SVG', onclick: function () { exportSvg(ps); }, text: 'SVG' });
    ps.el = el('section', { class: 'panel' + (panel.wide ? ' wide' : ''), id: 'panel-' + panel.id, 'data-panel': panel.id, 'data-state': 'idle' }, [
      el('header', {}, [el('h2', { text: panel.title }), el('div', { class: 'tools' }, [ps.csvButton, ps.svgButton])]),
      el('p', { class: 'desc', text: panel.description }),
      ps.controls, ps.actionsEl,
      el('div', { class: 'chart-wrap' }, [ps.chartEl, ps.overlay]),
      ps.note, ps.tableEl, ps.source,
    ]);
    buildControls(ps);
    buildActions(ps);
    ps.chart = echarts.init(ps.chartEl, null, { renderer: 'svg' });
    if (panel.drill) {
      ps.chart.on('click', function (p) {
        if (p.data && p.data.measure && ps.drillable !== false) drill(ps, { measure: p.data.measure });
      });
    }
    return ps;
  }

  function buildControls(ps) {
    (ps.panel.controls || []).forEach(function (c) {
      var input;
      if (c.input === 'text') {
        input = el('input', { type: 'text', name: c.name, placeholder: c.placeholder || '', value: state.filters[c.name] || '', size: 32, spellcheck: 'false' });
      } else {
        var options = c.catalogue === 'measures'
          ? state.catalogue.measures.map(function (m) { return [m.code, m.code + ' ' + m.title]; })
          : c.options;
        input = el('select', { name: c.name }, options.map(opt));
        input.value = state.filters[c.name] || c.dflt || options[0][0];
      }
      var apply = function () {
        if (input.value.trim()) state.filters[c.name] = input.value.trim(); else delete state.filters[c.name];
        writeUrl(true);
        showControls(ps);
        renderPanel(ps);
      };
      input.addEventListener('change', apply);
      var wrap = field(c.label, input);
      wrap.setAttribute('data-control', c.name);
      if (c.input === 'text') wrap.appendChild(el('button', { type: 'button', onclick: apply, text: 'Show' }));
      ps.controls.appendChild(wrap);
    });
    showControls(ps);
  }

  function showControls(ps) {
    (ps.panel.controls || []).forEach(function (c) {
      var w = ps.controls.querySelector('[data-control="' + c.name + '"]');
      if (w) w.hidden = c.when ? !c.when(state.filters) : false;
    });
  }

  function buildActions(ps) {
    (ps.panel.actions || []).forEach(function (a) {
      var status = el('span', { class: 'action-status', 'data-action-status': a.name, 'aria-live': 'polite' });
      var button = el('button', { type: 'button', 'data-action': a.name, text: a.label });
      button.addEventListener('click', function () { runAction(ps, a, button, status); });
      ps.actionsEl.appendChild(el('span', { class: 'action' }, [button, status]));
    });
  }

  function runAction(ps, a, button, status) {
    button.disabled = true;
    status.textContent = 'Running…';
    var timer = null;
    if (a.poll) {
      timer = setInterval(function () {
        api(a.poll).then(function (p) {
          if (p && p.running) status.textContent = 'Running: ' + p.replayed + ' / ' + p.total + ' events replayed…';
        }).catch(function () { /* progress is optional */ });
      }, 500);
    }
    api(a.path, null, { method: a.method, body: a.body }).then(function (result) {
      ps.actionData[a.name] = result;
      status.textContent = result && result.ok === false ? 'Finished: problems found' : 'Finished: OK';
      renderPanel(ps);
    }).catch(function (err) {
      status.textContent = err instanceof ApiError && err.status === 403
        ? 'Your key\'s role may not run this (403).'
        : err instanceof ApiError && err.status === 404 ? 'This server does not offer this action yet (404).' : explain(err, a.label);
    }).then(function () {
      if (timer) clearInterval(timer);
      button.disabled = false;
    });
  }

  function setState(ps, s, message) {
    ps.el.setAttribute('data-state', s);
    ps.overlay.textContent = message || '';
    ps.overlay.className = 'overlay ' + s;
    ps.overlay.hidden = !message;
    ps.csvButton.disabled = s !== 'rendered' && s !== 'empty';
    ps.svgButton.disabled = s !== 'rendered';
  }

  function fetcher() {
    return function (path, params, req) {
      return api(path, params).catch(function (err) {
        if (req && req.optional && err instanceof ApiError && (err.status === 404 || err.status === 403)) return { unavailable: err.status };
        throw err;
      });
    };
  }

  function ctxFor() {
    return { catalogue: state.catalogue, filters: state.filters, now: new Date(), documents: state.documents };
  }

  // ---------------------------------------------------------------- catalogue documents
  /**
   * The published documents and, for the countries this page shows (the chosen country; on the
   * programme page every country with a national profile), the document governing it at the "as
   * of" day (today without one) among those known then, resolved. A server without the catalogue
   * API (404) or a key that may not read it leaves every measure adopted.
   */
  function loadDocuments() {
    return api('/v1/catalogue').then(function (answer) {
      var list = cv.listOf(answer);
      var f = state.filters;
      var date = cv.dateOf(f.asOf);
      var countries = meta.singleCountry ? (f.country ? [f.country] : []) : cv.profileCountries(list);
      var ids = cv.toResolve(list, countries, date, f.asOf).filter(function (id) { return !Object.prototype.hasOwnProperty.call(state.documents.resolved, id); });
      return Promise.all(ids.map(function (id) {
        return api('/v1/catalogue/' + encodeURIComponent(id)).then(function (r) { state.documents.resolved[id] = r; });
      })).then(function () {
        state.documents.list = list;
        state.documents.available = true;
        state.documents.governing = cv.governingMap(list, state.documents.resolved, countries, date, f.asOf);
      });
    }).catch(function (err) {
      state.documents.available = false;
      state.documents.governing = {};
      state.documents.error = err instanceof ApiError && (err.status === 404 || err.status === 403) ? null : explain(err, 'the catalogue documents');
    }).then(showGoverning);
  }

  /** The rapporteur page's line: which document governs the country and since when, and the versions behind the figures. */
  function showGoverning() {
    if (!ui.governing) return;
    var f = state.filters;
    var g = f.country && state.documents.governing[f.country];
    var text;
    if (g) text = 'Catalogue governing ' + f.country + (f.asOf ? ' as of ' + f.asOf : ' now') + ': ' + cv.describe(g.document) + '.';
    else if (state.documents.error) text = state.documents.error;
    else if (!state.documents.available) text = 'Catalogue: ' + (state.catalogue ? state.catalogue.version : 'trm-baseline-1') + ' (this server does not list catalogue documents).';
    else text = 'No catalogue document governs ' + (f.country || 'this country') + ' at this date.';
    if (g && g.notAdopted.length) text += ' Not adopted here: ' + g.notAdopted.join(', ') + '.';
    ui.governing.textContent = text;
    ui.governing.setAttribute('data-governing', g ? g.document.id : '');
    var versions = [];
    Object.keys(state.panels).forEach(function (id) {
      cv.versionsOf(state.panels[id].data).forEach(function (v) { if (versions.indexOf(v) < 0) versions.push(v); });
    });
    ui.versions.hidden = !versions.length;
    ui.versions.textContent = versions.length ? 'Catalogue versions governing the counted cases (catalogueVersions of the answers): ' + versions.sort().join(', ') + '.' : '';
  }

  function renderPanel(ps) {
    var seq = ++ps.seq;
    var panel = ps.panel;
    var ctx = ctxFor();
    var reqs = panel.requests(state.filters, ctx);
    ps.tableEl.textContent = '';
    ps.el.setAttribute('data-seq', String(seq));
    setState(ps, 'loading', reqs.length ? 'Loading ' + kit.unique(reqs.map(function (r) { return r.path.replace(/^\/v1\//, ''); })).join(', ') + '…' : 'Preparing…');
    ps.source.textContent = reqs.map(function (r) { var q = kit.queryString(r.params); return 'GET ' + r.path + (q ? '?' + q : ''); }).join(' · ');
    P.fetchPanelData(panel, state.filters, ctx, fetcher()).then(function (data) {
      if (seq !== ps.seq) return;
      Object.keys(ps.actionData).forEach(function (k) { data[k] = ps.actionData[k]; });
      ps.data = data;
      Object.keys(data).forEach(function (k) {
        var a = data[k];
        if (a && a.suppression) state.suppression = a.suppression;
        if (a && a.disclosureControl) {
          state.disclosure = a.disclosureControl;
          coarsenFilters();
        }
        if (a && a.complete === false) ps.source.textContent += ' — warehouse still catching up: figures may be incomplete';
      });
      if (ui.summary) ui.summary.textContent = summaryText();
      showGoverning();
      var built = P.buildPanel(panel, data, ctx);
      ps.drillable = built.drill;
      ps.note.hidden = !built.note;
      ps.note.textContent = built.note || '';
      if (panel.table) renderTable(ps.tableEl, panel.table(data, ctx));
      if (built.empty) {
        ps.chart.clear();
        ps.chartEl.style.height = '120px';
        ps.chart.resize();
        setState(ps, 'empty', built.empty);
        return;
      }
      ps.chartEl.style.height = (built.height || panel.height) + 'px';
      ps.chart.resize();
      setState(ps, 'drawing', '');
      ps.chart.off('finished');
      ps.chart.on('finished', function () { if (seq === ps.seq) setState(ps, 'rendered', ''); });
      ps.chart.setOption(built.option, true);
    }).catch(function (err) {
      if (seq !== ps.seq) return;
      ps.chart.clear();
      setState(ps, 'error', explain(err, panel.title));
      if (err instanceof ApiError && err.status === 401) signOut();
    });
  }

  function renderTable(container, t) {
    container.textContent = '';
    if (!t || !t.rows || !t.rows.length) {
      if (t && t.caption) container.appendChild(el('p', { class: 'caption', text: t.caption }));
      return;
    }
    var head = el('tr', {}, t.columns.map(function (c) { return el('th', { scope: 'col', text: c }); }));
    var body = t.rows.map(function (r) {
      return el('tr', { class: r._class || null }, t.columns.map(function (c) {
        var v = r[c] === null || r[c] === undefined ? '' : String(r[c]);
        if (t.links && t.links[c] && v) return el('td', {}, [el('a', { href: t.links[c] + encodeURIComponent(v), text: v })]);
        return el('td', { text: v });
      }));
    });
    var table = el('table', {}, [el('caption', { text: t.caption || '' }), el('thead', {}, [head]), el('tbody', {}, body)]);
    container.appendChild(el('div', { class: 'scroll' }, [table]));
  }

  function drill(ps, point) {
    var req = ps.panel.drill.request(state.filters, point);
    ps.tableEl.textContent = '';
    ps.tableEl.appendChild(el('p', { class: 'caption', text: 'Loading the case ids for ' + point.measure + '…' }));
    P.fetchPanelData({ requests: function () { return [req]; } }, state.filters, ctxFor(), fetcher()).then(function (data) {
      var t = ps.panel.drill.table(data[req.key], point);
      renderTable(ps.tableEl, t);
      var csv = el('button', { type: 'button', class: 'export', 'data-export': 'drill-csv', text: 'Case ids CSV', onclick: function () {
        download('trm-' + ps.panel.id + '-' + point.measure + '-cases.csv', 'text/csv', kit.toCsv(t));
      } });
      ps.tableEl.insertBefore(csv, ps.tableEl.firstChild);
    }).catch(function (err) {
      ps.tableEl.textContent = '';
      ps.tableEl.appendChild(el('p', { class: 'caption error', text: explain(err, 'case ids') }));
    });
  }

  function exportCsv(ps) {
    if (!ps.data) return;
    download('trm-' + ps.panel.id + '.csv', 'text/csv;charset=utf-8', kit.toCsv(P.csvTable(ps.panel, ps.data)));
  }

  function exportSvg(ps) {
    download('trm-' + ps.panel.id + '.svg', 'image/svg+xml', ps.chart.renderToSVGString());
  }

  function refreshAll() {
    // The country list's case counts are as of the chosen knowledge time too.
    if (state.countries && state.countriesAsOf !== (state.filters.asOf || '')) {
      loadCountries().then(function (countries) { state.countries = countries; fillCountries(); }).catch(function () { /* the list keeps its codes */ });
    }
    if (ui.summary) ui.summary.textContent = summaryText();
    // Panels mark "not adopted" cells from the documents governing at the chosen day: loaded first.
    Object.keys(state.panels).forEach(function (id) { state.panels[id].el.setAttribute('data-state', 'loading'); });
    return loadDocuments().then(function () {
      Object.keys(state.panels).forEach(function (id) { renderPanel(state.panels[id]); });
    });
  }

  // ---------------------------------------------------------------- session
  function onSignIn(e) {
    e.preventDefault();
    var key = ui.keyInput.value.trim();
    if (!key) return;
    ui.signInError.textContent = 'Checking the key…';
    state.key = key;
    api(meta.documentsOnly ? '/v1/catalogue' : '/v1/indicators').then(function () { return true; }).catch(function (err) {
      if (err instanceof ApiError && err.status === 403 && dashboard === 'audit') return true;
      throw err;
    }).then(function () {
      sessionStorage.setItem(KEY_STORE, key);
      ui.keyInput.value = '';
      ui.signInError.textContent = '';
      start();
    }).catch(function (err) {
      state.key = null;
      ui.signInError.textContent = err instanceof ApiError && err.status === 401
        ? 'This API key was not recognised.'
        : err instanceof ApiError && err.status === 403 ? 'This key\'s role may not read indicators.' : explain(err, 'the sign-in check');
    });
  }

  function signOut() {
    sessionStorage.removeItem(KEY_STORE);
    state.key = null;
    Object.keys(state.panels).forEach(function (id) { state.panels[id].chart.dispose(); });
    state.panels = {};
    ui.main.textContent = '';
    ui.main.hidden = true;
    ui.signOut.hidden = true;
    ui.who.textContent = '';
    ui.signIn.hidden = false;
    ui.keyInput.focus();
  }

  function loadCountries() {
    state.countriesAsOf = state.filters.asOf || '';
    return api('/v1/indicators/case.count', kit.query({ asOf: state.filters.asOf }, { groupBy: ['country'], country: '' })).then(function (a) {
      if (a.disclosureControl) {
        state.disclosure = a.disclosureControl;
        coarsenFilters();
      }
      return a.rows.map(function (r) { return { code: r.country, count: r.count, suppressed: r.suppressed }; });
    });
  }

  function fillCountries() {
    var list = state.countries.slice().sort(function (a, b) { return a.code < b.code ? -1 : 1; });
    var options = (meta.singleCountry && list.length ? [] : [['', 'All countries']]).concat(list.map(function (c) {
      return [c.code, c.code + (c.suppressed ? ' (few cases)' : c.count !== null && c.count !== undefined ? ' (' + c.count + ' cases)' : '')];
    }));
    if (state.filters.country && !list.some(function (c) { return c.code === state.filters.country; })) options.push([state.filters.country, state.filters.country]);
    ui.country.textContent = '';
    options.forEach(function (o) { ui.country.appendChild(opt(o)); });
    if (meta.singleCountry && !state.filters.country && list.length) {
      state.filters.country = state.countries.slice().sort(function (a, b) { return (b.count || 0) - (a.count || 0); })[0].code;
      writeUrl(false);
    }
    ui.country.value = state.filters.country || '';
  }

  function start() {
    ui.signIn.hidden = true;
    ui.main.hidden = false;
    ui.signOut.hidden = false;
    ui.who.textContent = 'Signed in';
    ui.main.textContent = '';
    if (meta.documentsOnly) { startCataloguePage(); return; }
    ui.main.appendChild(filterBar());
    if (meta.singleCountry) {
      ui.governing = el('p', { class: 'governing', 'data-catalogue-governing': '', 'aria-live': 'polite' });
      ui.versions = el('p', { class: 'governing versions', 'data-catalogue-versions': '', hidden: true });
      ui.main.appendChild(el('section', { class: 'catalogue-info', 'aria-label': 'Catalogue document' }, [
        ui.governing, ui.versions, el('a', { href: '/dashboards/catalogue', text: 'Read the catalogue documents and their differences' }),
      ]));
    }
    ui.grid = el('main', { class: 'grid' });
    ui.main.appendChild(ui.grid);
    ui.main.appendChild(el('footer', {}, [el('p', { text: 'Figures from the TRM Monitor API; applicability, adoption and deadlines follow the catalogue document governing each case (shipped baseline ' + state.catalogue.version + ' and the documents published since). Proportions come with 95% Wilson intervals. Charts use colour-blind-safe palettes (Okabe–Ito, viridis). Every panel exports its numbers (CSV) and its chart (SVG).' })]));
    updateNav();
    ui.summary.textContent = 'Loading the countries your key may read…';
    loadCountries().catch(function () { return []; }).then(function (countries) {
      state.countries = countries;
      fillCountries();
      P.forDashboard(dashboard).forEach(function (panel) {
        var ps = panelView(panel);
        state.panels[panel.id] = ps;
        ui.grid.appendChild(ps.el);
      });
      refreshAll();
    });
  }

  // ---------------------------------------------------------------- catalogue page
  /**
   * The catalogue page: the published documents, one resolved (measures, deadline in force,
   * adopted) and the difference between two. Every text goes in as text (textContent), never as
   * markup: measure titles are free text.
   */
  function startCataloguePage() {
    var q = new URLSearchParams(location.search);
    var pick = { doc: q.get('doc') || '', from: q.get('from') || '', to: q.get('to') || '' };
    ui.catList = el('div', { class: 'table-wrap', 'data-catalogue': 'list' });
    ui.catDocSelect = el('select', { name: 'doc' });
    ui.catDocHead = el('p', { class: 'caption', 'data-catalogue': 'document-head' });
    ui.catDoc = el('div', { class: 'table-wrap', 'data-catalogue': 'document' });
    ui.catFrom = el('select', { name: 'from' });
    ui.catTo = el('select', { name: 'to' });
    ui.catDiff = el('div', { class: 'table-wrap', 'data-catalogue': 'diff' });
    var section = function (title, desc, children, name) {
      return el('section', { class: 'panel wide catalogue-panel', 'data-catalogue-section': name }, [el('header', {}, [el('h2', { text: title })]), el('p', { class: 'desc', text: desc })].concat(children));
    };
    ui.grid = el('main', { class: 'grid' }, [
      section('Published catalogue documents', 'Baseline versions and national profiles, in publication order. A national profile may mark a measure of its base not adopted, or replace or remove its deadline; a case is governed by its country\'s profile in effect when it was opened, else by the baseline in effect then.', [ui.catList], 'list'),
      section('One document, resolved', 'Each measure as it governs a case: the deadline in force and whether it is adopted (a national profile applied to its base).', [
        el('div', { class: 'controls' }, [field('Document', ui.catDocSelect)]), ui.catDocHead, ui.catDoc,
      ], 'document'),
      section('What changed between two documents', 'Measures added or dropped, deadlines re-timed, given or removed, adoption changed, and other fields changed between two baselines.', [
        el('div', { class: 'controls' }, [field('From', ui.catFrom), field('To', ui.catTo), el('button', { type: 'button', 'data-action': 'compare', onclick: showDiff, text: 'Compare' })]), ui.catDiff,
      ], 'diff'),
    ]);
    ui.main.appendChild(ui.grid);
    ui.catDocSelect.addEventListener('change', showDocument);
    ui.catFrom.addEventListener('change', showDiff);
    ui.catTo.addEventListener('change', showDiff);

    function writeCatalogueUrl() {
      var qs = kit.queryString({ doc: ui.catDocSelect.value, from: ui.catFrom.value, to: ui.catTo.value });
      history.replaceState(null, '', location.pathname + (qs ? '?' + qs : ''));
    }

    function failed(container, err, what) {
      container.textContent = '';
      container.appendChild(el('p', { class: 'caption error', role: 'alert', text: explain(err, what) }));
    }

    function showDocument() {
      var id = ui.catDocSelect.value;
      writeCatalogueUrl();
      ui.catDoc.setAttribute('data-state', 'loading');
      ui.catDoc.textContent = '';
      ui.catDoc.appendChild(el('p', { class: 'caption', text: 'Loading ' + id + '…' }));
      return api('/v1/catalogue/' + encodeURIComponent(id)).then(function (r) {
        if (ui.catDocSelect.value !== id) return;
        var listed = state.documents.list.filter(function (d) { return d.id === id; })[0] || r;
        ui.catDocHead.textContent = cv.describe(listed) + (listed.publishedAt ? ' · published ' + listed.publishedAt + (listed.publishedBy ? ' by ' + listed.publishedBy : '') : '') + '.';
        var rows = cv.measureRows(r);
        var na = rows.filter(function (m) { return m.adopted === 'not adopted'; }).length;
        renderTable(ui.catDoc, { caption: rows.length + ' measure(s)' + (na ? ', ' + na + ' not adopted' : ''), columns: ['code', 'sop', 'title', 'applies to', 'deadline in force', 'before', 'adopted'], rows: rows });
        ui.catDoc.setAttribute('data-state', 'rendered');
        ui.catDoc.setAttribute('data-document', id);
      }).catch(function (err) { failed(ui.catDoc, err, id); ui.catDoc.setAttribute('data-state', 'error'); });
    }

    function showDiff() {
      var from = ui.catFrom.value;
      var to = ui.catTo.value;
      writeCatalogueUrl();
      ui.catDiff.setAttribute('data-state', 'loading');
      ui.catDiff.textContent = '';
      ui.catDiff.appendChild(el('p', { class: 'caption', text: 'Comparing ' + from + ' with ' + to + '…' }));
      return api('/v1/catalogue/diff', { from: from, to: to }).then(function (d) {
        if (ui.catFrom.value !== from || ui.catTo.value !== to) return;
        var rows = cv.diffRows(d);
        renderTable(ui.catDiff, { caption: rows.length ? rows.length + ' change(s) from ' + from + ' to ' + to : 'No difference between ' + from + ' and ' + to + '.', columns: ['change', 'code', 'from', 'to'], rows: rows });
        ui.catDiff.setAttribute('data-state', 'rendered');
        ui.catDiff.setAttribute('data-diff', from + '..' + to);
      }).catch(function (err) { failed(ui.catDiff, err, 'the difference'); ui.catDiff.setAttribute('data-state', 'error'); });
    }

    api('/v1/catalogue').then(function (answer) {
      var list = cv.listOf(answer);
      state.documents.list = list;
      renderTable(ui.catList, {
        caption: list.length + ' document(s)',
        columns: ['id', 'kind', 'country', 'base', 'effective from', 'published at', 'published by'],
        rows: list.map(function (d) {
          return {
            id: d.id, kind: d.kind === 'national' ? 'national profile' : 'baseline', country: d.country || '', base: d.base || '',
            'effective from': d.effectiveFrom, 'published at': d.publishedAt || 'shipped with the service', 'published by': d.publishedBy || '',
          };
        }),
      });
      ui.catList.setAttribute('data-state', 'rendered');
      var ids = list.map(function (d) { return d.id; });
      [ui.catDocSelect, ui.catFrom, ui.catTo].forEach(function (s) {
        s.textContent = '';
        list.forEach(function (d) { s.appendChild(opt([d.id, d.id + (d.kind === 'national' ? ' (' + d.country + ')' : '')])); });
      });
      var has = function (id) { return ids.indexOf(id) >= 0; };
      var last = ids[ids.length - 1];
      var latest = list[list.length - 1];
      ui.catDocSelect.value = has(pick.doc) ? pick.doc : last;
      // By default: a national profile against its base, else the latest baseline against the one before.
      var baselines = list.filter(function (d) { return d.kind === 'baseline'; }).map(function (d) { return d.id; });
      var dfltFrom = latest && latest.kind === 'national' && has(latest.base) ? latest.base : baselines[Math.max(0, baselines.length - 2)];
      ui.catFrom.value = has(pick.from) ? pick.from : dfltFrom || ids[0];
      ui.catTo.value = has(pick.to) ? pick.to : latest && latest.kind === 'national' ? last : baselines[baselines.length - 1] || last;
      if (!ids.length) return;
      return Promise.all([showDocument(), showDiff()]);
    }).catch(function (err) { failed(ui.catList, err, 'the catalogue documents'); ui.catList.setAttribute('data-state', 'error'); });
  }

  function boot() {
    layout();
    fetch('/health', { cache: 'no-store' }).then(function (r) { return r.json(); }).then(function (h) {
      if (h && h.demoData) ui.banner.hidden = false;
    }).catch(function () { /* liveness only decides the banner */ });
    fetch('/dashboards/assets/catalogue.json').then(function (r) { return r.json(); }).then(function (c) {
      state.catalogue = c;
      if (state.key) start(); else { ui.signIn.hidden = false; ui.keyInput.focus(); }
    });
    window.addEventListener('popstate', function () {
      state.filters = readUrl();
      if (!ui.from) return;
      syncFilterInputs();
      Object.keys(state.panels).forEach(function (id) {
        var ps = state.panels[id];
        Array.prototype.forEach.call(ps.controls.querySelectorAll('input,select'), function (i) { if (state.filters[i.name]) i.value = state.filters[i.name]; });
        showControls(ps);
      });
      refreshAll();
    });
    var resizeTimer = null;
    window.addEventListener('resize', function () {
      clearTimeout(resizeTimer);
      resizeTimer = setTimeout(function () { Object.keys(state.panels).forEach(function (id) { state.panels[id].chart.resize(); }); }, 150);
    });
  }

  boot();
})();
