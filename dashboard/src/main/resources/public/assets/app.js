// Shared by every page: language (Chinese first, English switch), the header with its
// navigation and "data as of" line, API calls (with the CSRF token), number formats, charts.
'use strict';

const App = (() => {
  const LANG = localStorage.getItem('lang') === 'en' ? 'en' : 'zh';
  /** Sent with every API call: the server says its error messages in the language chosen here. */
  const ACCEPT_LANGUAGE = LANG === 'en' ? 'en' : 'zh-CN';
  const messages = { zh: {}, en: {} };
  let me = null;
  let meta = null;
  /** The metric catalogue (GET /api/metrics): metrics, units and bases by id. */
  const catalogue = { metrics: new Map(), units: new Map(), bases: new Map() };

  /** Adds a page's messages: {zh: {key: text}, en: {key: text}}. */
  function messagesAdd(m) {
    Object.assign(messages.zh, m.zh || {});
    Object.assign(messages.en, m.en || {});
  }

  /** The text of a key in the current language; {name} placeholders filled from args. */
  function t(key, args) {
    let s = messages[LANG][key] ?? messages.zh[key] ?? key;
    if (args) for (const [k, v] of Object.entries(args)) s = s.replaceAll('{' + k + '}', v);
    return s;
  }

  messagesAdd({
    zh: {
      title: '天津市众创空间延伸服务 · 数据看板',
      nav_overview: '总览', nav_district: '区县', nav_reports: '季报跟踪', nav_sla: '反馈时限',
      nav_awards: '表彰候选名单', nav_alerts: '通知提醒', nav_upload: '季报上报', nav_quality: '数据质量', nav_console: 'SQL 控制台', nav_admin: '用户管理',
      logout: '退出', data_as_of: '数据截至 {asOf}（快照 {published} 发布）',
      lang_switch: 'English', quarter: '季度', year: '年度', district: '区县', all_districts: '全市',
      error: '出错了', loading: '加载中…', none: '无数据',
      role_leader: '领导', role_analyst: '分析员', role_district: '区县用户', role_admin: '管理员',
      menu: '菜单', menu_title: '显示或收起菜单',
      in_progress_badge: '进行中 · 截至 {date}', in_progress_title: '本季度尚未结束：数据截至 {asOf}，各项数字只是部分季度的',
      not_due_badge: '季报未到期', not_due_title: '本季度已结束，季报截止日 {due} 尚未到（数据截至 {asOf}）',
      empty: '暂无数据', empty_reason: '所选范围内没有可显示的数据',
      unknown_param: '网址中的{what}“{value}”在数据中不存在，下面显示的是{shown}。',
      what_quarter: '季度', what_year: '年度', what_district: '区县',
      skip_link: '跳到正文',
      chart_png: '下载图片', chart_png_title: '把“{title}”下载为 PNG 图片', chart_data: '数据', chart_data_title: '以表格显示“{title}”的数据',
      chart_csv: '下载 CSV', chart_csv_title: '把“{title}”的数据下载为 CSV 文件', chart_category: '项目', chart_share: '占比（%）',
      chart_summary: '{title}：共 {n} 项。', chart_summary_series: '{series}最高为{maxName}（{max}），最低为{minName}（{min}）。',
      chart_summary_table: '{title}：{n} 行数据，见“数据”表格。', chart_summary_empty: '{title}：暂无数据，{reason}。',
      list_total: '共 {total} 条 · 第 {page}/{pages} 页', list_prev: '上一页', list_next: '下一页',
      list_csv: '导出 CSV', list_xlsx: '导出 Excel', list_sort: '按“{col}”排序', list_none: '没有符合条件的记录',
      channel_ONSITE: '现场', channel_HOTLINE: '热线', channel_WEB: '网站', channel_WECHAT: '微信',
    },
    en: {
      title: 'Tianjin maker-space services · dashboard',
      nav_overview: 'Overview', nav_district: 'District', nav_reports: 'Quarterly reports', nav_sla: 'Feedback SLA',
      nav_awards: 'Award shortlist', nav_alerts: 'Alerts', nav_upload: 'Submit report', nav_quality: 'Data quality', nav_console: 'SQL console', nav_admin: 'Users',
      logout: 'Log out', data_as_of: 'Data as of {asOf} (snapshot published {published})',
      lang_switch: '中文', quarter: 'Quarter', year: 'Year', district: 'District', all_districts: 'All districts',
      error: 'Error', loading: 'Loading…', none: 'No data',
      role_leader: 'Leader', role_analyst: 'Analyst', role_district: 'District user', role_admin: 'Administrator',
      menu: 'Menu', menu_title: 'Show or hide the menu',
      in_progress_badge: 'in progress · to {date}', in_progress_title: 'This quarter has not ended: data as of {asOf}, the figures cover part of the quarter',
      not_due_badge: 'report not yet due', not_due_title: 'This quarter has ended; its report is due on {due} (data as of {asOf})',
      empty: 'No data', empty_reason: 'nothing to show for this selection',
      unknown_param: 'The {what} "{value}" in the address is not in the data; showing {shown} instead.',
      what_quarter: 'quarter', what_year: 'year', what_district: 'district',
      skip_link: 'Skip to content',
      chart_png: 'PNG', chart_png_title: 'Download "{title}" as a PNG image', chart_data: 'Data', chart_data_title: 'Show the data of "{title}" as a table',
      chart_csv: 'CSV', chart_csv_title: 'Download the data of "{title}" as a CSV file', chart_category: 'Item', chart_share: 'Share (%)',
      chart_summary: '{title}: {n} items.', chart_summary_series: '{series}: highest {maxName} ({max}), lowest {minName} ({min}).',
      chart_summary_table: '{title}: {n} rows of data, see the "Data" table.', chart_summary_empty: '{title}: no data, {reason}.',
      list_total: '{total} rows · page {page} of {pages}', list_prev: 'Previous', list_next: 'Next',
      list_csv: 'Export CSV', list_xlsx: 'Export Excel', list_sort: 'Sort by "{col}"', list_none: 'No rows match',
      channel_ONSITE: 'On-site', channel_HOTLINE: 'Hotline', channel_WEB: 'Web', channel_WECHAT: 'WeChat',
    },
  });

  const NAV = [
    ['overview', '/', ['leader', 'analyst', 'district']],
    ['district', '/district', ['leader', 'analyst', 'district']],
    ['reports', '/reports', ['leader', 'analyst', 'district']],
    ['sla', '/sla', ['leader', 'analyst', 'district']],
    ['awards', '/awards', ['leader', 'analyst', 'district']],
    ['alerts', '/alerts', ['leader', 'analyst', 'district']],
    ['upload', '/upload', ['district', 'admin']],
    ['quality', '/quality', ['leader', 'analyst', 'district', 'admin']],
    ['console', '/console', ['analyst']],
    ['admin', '/admin', ['admin']],
  ];

  async function request(method, path, body) {
    const headers = { Accept: 'application/json', 'Accept-Language': ACCEPT_LANGUAGE };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && me) headers['X-CSRF-Token'] = me.csrfToken;
    const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
    if (res.status === 401 && !path.startsWith('/api/login')) {
      location.href = '/login?next=' + encodeURIComponent(location.pathname + location.search);
      throw new Error('not logged in');
    }
    const text = await res.text();
    let data = null;
    try { data = text ? JSON.parse(text) : null; } catch (e) { data = { error: text }; }
    if (!res.ok) {
      const msg = (data && (data.error || data.title)) || res.statusText;
      const err = new Error(msg);
      err.status = res.status;
      err.data = data; // the whole answer: some say more than the message (a query's syntax error: where)
      throw err;
    }
    return data;
  }

  const api = (path, params) => {
    const q = params ? '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== '')) : '';
    return request('GET', path + q);
  };
  const post = (path, body) => request('POST', path, body ?? {});

  const locale = LANG === 'zh' ? 'zh-CN' : 'en-US';
  const fmt = {
    num: (x) => (x === null || x === undefined ? '–' : Number(x).toLocaleString(locale)),
    dec: (x, d = 1) => (x === null || x === undefined ? '–' : Number(x).toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d })),
    pct: (x, d = 1) => (x === null || x === undefined ? '–' : (100 * x).toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d }) + '%'),
    quarter: (q) => (q ? (LANG === 'zh' ? `${q.slice(0, 4)}年第${q.slice(5)}季度` : `Q${q.slice(5)} ${q.slice(0, 4)}`) : '–'),
    year: (y) => (LANG === 'zh' ? `${y}年` : `${y}`),
    time: (iso) => (iso ? new Date(iso).toLocaleString(locale, { timeZone: 'Asia/Shanghai', hour12: false }) : '–'),
    districtName: (d) => (d ? (LANG === 'zh' ? d.name_zh : d.name_en) : ''),
  };

  // ── Figures: labels, units, formats and hover texts come from the metric catalogue ──────────
  // Name a figure by its catalogue id in a string literal (metricLabel('coverage_rate'), or a list
  // with metricIds(...)): MetricCatalogueTest checks every id the scripts name against the catalogue.

  function metric(id) {
    const m = catalogue.metrics.get(id);
    if (!m) throw new Error('metric not in the catalogue: ' + id);
    return m;
  }

  /** A list of metric ids (the marker the catalogue test reads). */
  const metricIds = (...ids) => ids;

  /** A figure's name in the current language. */
  const metricLabel = (id) => (LANG === 'zh' ? metric(id).labelZh : metric(id).labelEn);

  /** A figure's hover text: what it counts, its basis and the article of the notice. */
  function metricTitle(id) {
    const m = metric(id);
    const b = catalogue.bases.get(m.basis);
    return LANG === 'zh' ? `${m.descriptionZh}（${b.labelZh}；${m.article.zh}）` : `${m.descriptionEn} (${b.labelEn}; ${m.article.en})`;
  }

  /**
   * A value of a figure, with its unit's suffix (opts.bare: without it; opts.percentPoints: a
   * percent figure already multiplied by 100, as charts hold them).
   */
  function formatMetric(id, value, opts = {}) {
    const m = metric(id);
    if (value === null || value === undefined || value === '') return '–';
    if (m.unit === 'date' || m.unit === 'status') return String(value);
    const u = catalogue.units.get(m.unit);
    const x = m.unit === 'percent' && !opts.percentPoints ? 100 * Number(value) : Number(value);
    const text = x.toLocaleString(locale, { minimumFractionDigits: m.decimals, maximumFractionDigits: m.decimals });
    return opts.bare ? text : text + (LANG === 'zh' ? u.suffixZh : u.suffixEn);
  }

  /** A figure's unit as a short text for a header or an axis name ("%", "小时" / "h"); "" for a plain count. */
  function metricUnit(id) {
    const u = catalogue.units.get(metric(id).unit);
    return u ? (LANG === 'zh' ? u.suffixZh : u.suffixEn).trim() : '';
  }

  /**
   * A figure's name with its unit, for a chart's axis or a data table's header: "驻点达标率（%）" /
   * "On-site compliance (%)"; a name that already says its unit ("反馈用时（工作日）", "驻点小时") as is.
   */
  const metricWithUnit = (id) => withUnit(metricLabel(id), id);

  /** A name (a figure's, a series') with the unit of figure id, unless it has none or the name says it already. */
  function withUnit(name, id) {
    const u = metricUnit(id);
    if (!u || name.toLowerCase().includes(u.replace(/^个/, '').toLowerCase())) return name;
    return LANG === 'zh' ? `${name}（${u}）` : `${name} (${u})`;
  }

  /** A figure's name with its hover text, for a card, a table header or a definition list. */
  const metricHead = (id) => el('span', { class: 'metric', 'data-metric': id, title: metricTitle(id) }, metricLabel(id));

  /** A figure's value (formatMetric), with the figure's name and hover text on hover. */
  const metricValue = (id, value, opts) => el('span', { 'data-metric': id, title: `${metricLabel(id)}：${metricTitle(id)}` }, formatMetric(id, value, opts));

  /** A figure's name (metricHead, with the hover text) and its value, for a line of text: "name: value". */
  const metricFigure = (id, value, opts) => el('span', { class: 'figure' }, metricHead(id), LANG === 'zh' ? '：' : ': ', formatMetric(id, value, opts));

  /**
   * An ECharts axis tooltip for series that are figures: ids[i] is the metric of series i (values
   * of percent figures in percentage points). The first line is head(dataIndex) (default: the
   * axis value), then "series: value" per series, then extra(dataIndex) — more [metric id, value]
   * pairs of the same item — and last the series' descriptions.
   */
  function metricTooltip(ids, head, extra) {
    const esc = (s) => String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
    return (params) => {
      const ps = Array.isArray(params) ? params : [params];
      const i = ps[0].dataIndex;
      const lines = ps.map((p) => `${p.marker}${esc(p.seriesName)}: <b>${esc(formatMetric(ids[p.seriesIndex], p.value, { percentPoints: true }))}</b>`);
      const more = extra ? extra(i).map(([id, v]) => `${esc(metricLabel(id))}: <b>${esc(formatMetric(id, v))}</b>`) : [];
      const notes = [...new Set(ps.map((p) => ids[p.seriesIndex]))].map((id) => `<div class="tip-note">${esc(metricLabel(id))}：${esc(metricTitle(id))}</div>`);
      return [head ? `<b>${esc(head(i))}</b>` : esc(ps[0].name), ...lines, ...more].join('<br>') + notes.join('');
    };
  }

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === 'class') e.className = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (v !== null && v !== undefined) e.setAttribute(k, v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }

  function showError(err) {
    const box = document.getElementById('error');
    if (box) {
      box.textContent = t('error') + ': ' + (err.message || err);
      box.hidden = false;
    }
    console.error(err);
  }

  function header(page) {
    const nav = el('nav', { class: 'nav', id: 'site-nav' },
      NAV.filter(([, , roles]) => roles.includes(me.role)).map(([key, href]) =>
        el('a', { href, class: key === page ? 'active' : '', 'data-page': key }, t('nav_' + key))));
    const lang = el('button', { class: 'lang', id: 'lang-switch', onclick: () => { localStorage.setItem('lang', LANG === 'zh' ? 'en' : 'zh'); location.reload(); } }, t('lang_switch'));
    // the user's name and role; only the name when the two read the same ("admin · Administrator", never "admin · admin")
    const role = t('role_' + me.role);
    const user = el('span', { class: 'user', title: role }, me.name.toLowerCase() === role.toLowerCase() ? me.name : `${me.name} · ${role}`);
    // on a phone the menu folds into this button (app.css); it names the page shown
    const menu = el('button', { type: 'button', class: 'menu-toggle', id: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'site-nav', title: `${t('menu_title')} · ${user.textContent}` },
      '☰ ', t('nav_' + page));
    menu.onclick = () => {
      const open = !top.classList.contains('menu-open');
      top.classList.toggle('menu-open', open);
      menu.setAttribute('aria-expanded', String(open));
    };
    const logout = el('button', { class: 'logout', id: 'logout', onclick: async () => { await post('/api/logout'); location.href = '/login'; } }, t('logout'));
    const asOf = meta ? el('div', { class: 'asof', id: 'data-as-of' }, t('data_as_of', { asOf: meta.asOf || '–', published: fmt.time(meta.publishedAt) }),
      ' · ', metricFigure('quarantined_rows', meta.quarantinedRows)) : null;
    const top = el('header', {}, el('div', { class: 'bar' }, el('h1', {}, t('title')), menu, nav, el('div', { class: 'tools' }, user, lang, logout)), asOf);
    document.body.prepend(top);
    skipLink();
    document.title = t('nav_' + page) + ' · ' + t('title');
    document.documentElement.lang = LANG === 'zh' ? 'zh-CN' : 'en';
  }

  /**
   * The skip link, first in the page's tab order: "跳到正文" / "Skip to content" to the page's
   * <main> (given id "main" and made focusable by script).
   */
  function skipLink() {
    const main = document.querySelector('main');
    if (!main || document.querySelector('.skip-link')) return;
    main.id ||= 'main';
    main.tabIndex = -1;
    document.body.prepend(el('a', { class: 'skip-link', href: '#' + main.id }, t('skip_link')));
  }

  // ── Keyboard: an element of class "clickable" (a drill-down row, a report cell, a list entry
  // that opens something) is reachable with Tab and activated with Enter or Space, like a button;
  // a scroll box (.scroll, a chart's data table) is reachable with Tab so that it scrolls by keys.
  function keyboardClickables() {
    const FOCUSABLE = '.clickable, .scroll, .chart-data';
    const focusable = (root) => {
      if (root.nodeType !== 1) return;
      const all = root.matches(FOCUSABLE) ? [root] : [];
      all.push(...root.querySelectorAll(FOCUSABLE));
      all.forEach((n) => { if (!n.hasAttribute('tabindex')) n.tabIndex = 0; });
    };
    focusable(document.body);
    new MutationObserver((changes) => changes.forEach((c) => c.addedNodes.forEach(focusable)))
      .observe(document.body, { childList: true, subtree: true });
    document.addEventListener('keydown', (e) => {
      if ((e.key === 'Enter' || e.key === ' ') && e.target.classList && e.target.classList.contains('clickable')) {
        e.preventDefault();
        e.target.click();
      }
    });
  }
  if (document.body) keyboardClickables();
  else document.addEventListener('DOMContentLoaded', keyboardClickables);

  /** Starts a page: who is logged in, the snapshot's facts, the header; then the page's own code. */
  async function init(page, start) {
    try {
      // the three at once: one round trip before the page's own data (the admin page needs no meta)
      const [who, facts, metrics] = await Promise.all([api('/api/me'), page === 'admin' ? null : api('/api/meta'), api('/api/metrics')]);
      me = who;
      meta = facts;
      metrics.metrics.forEach((x) => catalogue.metrics.set(x.id, x));
      metrics.units.forEach((x) => catalogue.units.set(x.id, x));
      metrics.bases.forEach((x) => catalogue.bases.set(x.id, x));
      header(page);
      document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = t(n.dataset.i18n); });
      await start(meta, me);
      document.body.dataset.ready = 'true';
    } catch (err) {
      showError(err);
      document.body.dataset.ready = 'error';
    }
  }

  /**
   * An ECharts chart in element #id, resized with the window; marks the element drawn when done.
   * A chart with no data — no series value other than null or 0 — is drawn under an empty state:
   * "暂无数据" / "No data" and why (empty.reason, or a string; a generic reason when not given).
   * empty.zerosAreData: a 0 is a value (e.g. a rate of 0%), so only nulls make it empty.
   *
   * Every chart also gets its text alternatives and downloads (chartExtras): an aria-label (its
   * title: data.title, else the heading of its panel), a text summary, a "数据" / "Data" toggle
   * showing its data as a table, a CSV and a PNG download. The data are the option's own:
   * the categories of its category axis (or the pie's items) by series; data.metrics[i] is the
   * catalogue metric of series i (percent figures in percentage points, as charts hold them),
   * which gives the values' format and the headers' units. A chart whose data are not a category
   * axis by series (a heat map) passes data.table: {head: [texts], rows: [[cells]]}.
   */
  function chart(id, option, empty, data) {
    const node = document.getElementById(id);
    const c = echarts.getInstanceByDom(node) || echarts.init(node);
    c.off('finished');
    c.on('finished', () => {
      if (node.dataset.drawn !== 'true') performance.mark('chart-drawn:' + id); // the page timing's breakdown (bench/dashboard.sh)
      node.dataset.drawn = 'true';
    });
    // drawn at once, without an entrance: the leaders' overview is to be fully drawn within 1 s
    // (an animated pie alone finished ~0.6 s after the bars; docs/benchmarks.md)
    c.setOption({ animation: false, ...option }, true);
    const e = typeof empty === 'string' ? { reason: empty } : empty || {};
    const reason = hasData(option, e.zerosAreData) ? null : e.reason || t('empty_reason');
    emptyState(node, reason);
    chartExtras(node, c, option, data || {}, reason);
    if (!node.dataset.resizes) {
      node.dataset.resizes = 'true';
      window.addEventListener('resize', () => c.resize());
    }
    return c;
  }

  /** The chart's data as {head, rows, values}: texts to show (rows) and the numbers behind them (values, null for a text cell). */
  function chartData(option, data) {
    const list = (x) => (Array.isArray(x) ? x : x ? [x] : []);
    const value = (d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d);
    const num = (v) => (v === null || v === undefined || v === '' || v === '-' || Number.isNaN(Number(v)) ? null : Number(v));
    if (data.table) return { explicit: true, head: data.table.head, rows: data.table.rows, values: data.table.rows.map((r) => r.map((c) => (typeof c === 'number' ? c : null))) };
    const series = list(option.series);
    const ids = data.metrics || [];
    const head = (s, i) => (ids[i] ? withUnit(s.name || metricLabel(ids[i]), ids[i]) : s.name || '');
    const text = (v, i) => (v === null ? '–' : ids[i] ? formatMetric(ids[i], v, { percentPoints: true, bare: true }) : fmt.num(v));
    if (series.length && series[0].type === 'pie') {
      const items = (series[0].data || []).map((d) => [d.name, num(value(d))]);
      const sum = items.reduce((a, [, v]) => a + (v || 0), 0);
      const share = (v) => (v === null || !sum ? null : Math.round(1000 * v / sum) / 10);
      return {
        head: [t('chart_category'), head(series[0], 0), t('chart_share')],
        rows: items.map(([n, v]) => [n, text(v, 0), share(v) === null ? '–' : fmt.dec(share(v), 1)]),
        values: items.map(([, v]) => [null, v, share(v)]),
      };
    }
    const axis = [...list(option.xAxis), ...list(option.yAxis)].find((a) => a.type === 'category' && a.data);
    const cats = axis ? axis.data.map(value) : [];
    const values = cats.map((_, k) => [null, ...series.map((s) => num(value((s.data || [])[k])))]);
    return {
      head: [axis && axis.name ? axis.name : t('chart_category'), ...series.map(head)],
      rows: values.map((r, k) => [String(cats[k]).replace(/\n/g, ' '), ...r.slice(1).map((v, i) => text(v, i))]),
      values,
    };
  }

  /** A short text summary of a chart: its title, how many items, and per series (up to 4) its highest and lowest. */
  function chartSummary(title, d, reason) {
    if (reason !== null) return t('chart_summary_empty', { title, reason });
    if (d.explicit) return t('chart_summary_table', { title, n: d.rows.length });
    const lines = [t('chart_summary', { title, n: d.rows.length })];
    d.head.slice(1, 5).forEach((h, j) => {
      const col = j + 1;
      const ks = d.values.map((r, k) => k).filter((k) => d.values[k][col] !== null);
      if (!ks.length || h === t('chart_share')) return;
      const max = ks.reduce((a, k) => (d.values[k][col] > d.values[a][col] ? k : a));
      const min = ks.reduce((a, k) => (d.values[k][col] < d.values[a][col] ? k : a));
      lines.push(t('chart_summary_series', { series: h, maxName: d.rows[max][0], max: d.rows[max][col], minName: d.rows[min][0], min: d.rows[min][col] }));
    });
    return lines.join(' ');
  }

  /** A file's download from the page: a data: or blob: URL saved as name. */
  function download(url, name) {
    const a = el('a', { href: url, download: name, hidden: 'hidden' });
    document.body.append(a);
    a.click();
    a.remove();
  }

  /** CSV text (RFC 4180, with a BOM so that Excel reads Chinese): the numbers as the chart holds them. */
  function csv(d) {
    const cell = (x) => (x === null || x === undefined ? '' : /[",\r\n]/.test(String(x)) ? `"${String(x).replaceAll('"', '""')}"` : String(x));
    const rows = [d.head, ...d.rows.map((r, k) => r.map((c, j) => (d.values[k][j] !== null ? d.values[k][j] : c === '–' ? '' : c)))];
    return '\ufeff' + rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
  }

  /** The chart's aria-label, summary, data table and download buttons (see chart). */
  function chartExtras(node, c, option, data, reason) {
    const id = node.id;
    const title = data.title || node.closest('section')?.querySelector('h2')?.textContent || id;
    const d = chartData(option, data);
    const summary = chartSummary(title, d, reason);
    node.setAttribute('role', 'img');
    node.setAttribute('aria-label', title);
    node.setAttribute('aria-describedby', id + '-summary');
    let tools = document.getElementById(id + '-tools');
    if (!tools) {
      const toggle = el('button', { type: 'button', class: 'chart-tool', 'data-action': 'data', 'aria-expanded': 'false', 'aria-controls': id + '-data' }, t('chart_data'));
      tools = el('div', { class: 'chart-tools', id: id + '-tools' },
        el('button', { type: 'button', class: 'chart-tool', 'data-action': 'png' }, t('chart_png')),
        toggle,
        el('button', { type: 'button', class: 'chart-tool', 'data-action': 'csv' }, t('chart_csv')));
      const box = el('div', { class: 'chart-data', id: id + '-data', hidden: 'hidden' });
      node.after(tools, el('p', { class: 'sr-only chart-summary', id: id + '-summary' }), box);
      toggle.onclick = () => {
        box.hidden = !box.hidden;
        toggle.setAttribute('aria-expanded', String(!box.hidden));
      };
    }
    const [png, toggle, csvButton] = tools.querySelectorAll('button');
    png.title = t('chart_png_title', { title });
    toggle.title = t('chart_data_title', { title });
    csvButton.title = t('chart_csv_title', { title });
    png.onclick = () => download(c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), id + '.png');
    csvButton.onclick = () => {
      const url = URL.createObjectURL(new Blob([csv(d)], { type: 'text/csv;charset=utf-8' }));
      download(url, id + '.csv');
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    };
    png.disabled = csvButton.disabled = reason !== null;
    document.getElementById(id + '-summary').textContent = summary;
    const tbl = el('table', { class: 'chart-table' },
      el('caption', {}, title),
      el('thead', {}, el('tr', {}, d.head.map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, d.rows.map((r, k) => el('tr', {}, r.map((x, j) => (j === 0
        ? el('th', { scope: 'row' }, x)
        : el('td', { class: 'num', 'data-value': d.values[k][j] === null ? null : String(d.values[k][j]) }, x)))))));
    document.getElementById(id + '-data').replaceChildren(tbl);
  }

  /** Whether an ECharts option has something to draw: a series value other than null (and 0, unless zerosAreData). */
  function hasData(option, zerosAreData) {
    const value = (d) => (d !== null && typeof d === 'object' && !Array.isArray(d) ? d.value : d);
    const some = (v) => v !== null && v !== undefined && v !== '-' && (zerosAreData || Number(v) !== 0);
    const series = Array.isArray(option.series) ? option.series : option.series ? [option.series] : [];
    return series.some((s) => (s.data || []).map(value).some((v) => (Array.isArray(v) ? some(v[v.length - 1]) : some(v))));
  }

  /**
   * Shows (reason given) or removes (reason null) the empty state over a chart or panel element:
   * "暂无数据" / "No data" and the reason, in .empty-state (data-empty on the element).
   */
  function emptyState(node, reason) {
    node.querySelector(':scope > .empty-state')?.remove();
    if (reason === null || reason === undefined) {
      delete node.dataset.empty;
      return;
    }
    node.dataset.empty = 'true';
    node.append(el('div', { class: 'empty-state', role: 'status' }, el('strong', {}, t('empty')), el('span', { class: 'reason' }, reason)));
  }

  // ── Quarters: the state of each (GET /api/meta quarterStates, from dashboard-sql/meta/quarters.sql) ──

  /** The state of a quarter: {quarter, report_due_date, due, in_progress}, or null. */
  const quarterState = (q) => (meta && meta.quarterStates ? meta.quarterStates.find((s) => s.quarter === q) || null : null);

  /** Whether a quarter is still in progress at the data's as-of date. */
  const inProgress = (q) => Boolean(quarterState(q)?.in_progress);

  /** A quarter's option text in a selector: the quarter, and "进行中" / "季报未到期" when so. */
  function quarterLabel(q) {
    const s = quarterState(q);
    if (s?.in_progress) return `${fmt.quarter(q)} · ${t('in_progress_badge', { date: (meta.asOf || '').slice(5) })}`;
    if (s && !s.due) return `${fmt.quarter(q)} · ${t('not_due_badge')}`;
    return fmt.quarter(q);
  }

  /** Puts (or updates) the badge of the chosen quarter next to the selector #selectId: #quarter-badge. */
  function quarterBadge(selectId, q) {
    const s = document.getElementById(selectId);
    let b = document.getElementById('quarter-badge');
    if (!b) {
      b = el('span', { id: 'quarter-badge', class: 'quarter-badge' });
      s.after(b);
    }
    const st = quarterState(q);
    const asOf = meta.asOf || '–';
    if (st?.in_progress) {
      b.textContent = t('in_progress_badge', { date: asOf.slice(5) });
      b.title = t('in_progress_title', { asOf });
      b.dataset.state = 'in-progress';
      b.hidden = false;
    } else if (st && !st.due) {
      b.textContent = t('not_due_badge');
      b.title = t('not_due_title', { due: st.report_due_date || '–', asOf });
      b.dataset.state = 'not-due';
      b.hidden = false;
    } else {
      b.textContent = '';
      b.dataset.state = 'complete';
      b.hidden = true;
    }
  }

  /**
   * A value from the URL checked against the values the data has: the parameter's value when it
   * is one of them (or absent: fallback), else fallback with a message on the page saying so
   * (#param-notice) — an unknown district, year or quarter is never silently replaced.
   */
  function knownParam(name, values, fallback, what, label) {
    const v = param(name);
    if (v === null || v === '') return fallback;
    if (values.map(String).includes(v)) return v;
    let box = document.getElementById('param-notice');
    if (!box) {
      box = el('div', { id: 'param-notice', class: 'notice', role: 'alert' });
      (document.querySelector('main') || document.body).prepend(box);
    }
    box.append(el('p', { 'data-param': name }, t('unknown_param', { what: t('what_' + what), value: v, shown: label(fallback) })));
    return fallback;
  }

  /** The quarter a page opens on: ?quarter= when the data has it, else the newest quarter whose report is due. */
  const pageQuarter = (m) => knownParam('quarter', m.quarters, m.defaultQuarter || m.quarters[0], 'quarter', fmt.quarter);

  /** A <select> of quarters (or years), selected value first; calls onChange with the new value. */
  function selector(id, values, selected, label, onChange) {
    const s = document.getElementById(id);
    s.replaceChildren(...values.map((v) => el('option', { value: v }, label(v))));
    s.value = selected;
    s.onchange = () => onChange(s.value);
  }

  function param(name) {
    return new URLSearchParams(location.search).get(name);
  }

  function setParams(params) {
    const u = new URL(location.href);
    for (const [k, v] of Object.entries(params)) (v ? u.searchParams.set(k, v) : u.searchParams.delete(k));
    history.replaceState(null, '', u);
  }

  /** The districts' names in both languages (from GET /api/meta; none on a page without it). */
  const districtNames = () => (meta && meta.districts ? meta.districts.flatMap((d) => [d.name_zh, d.name_en]) : []);

  /** "text（detail）" in Chinese, "text (detail)" in English. */
  const paren = (text, detail) => (LANG === 'zh' ? `${text}（${detail}）` : `${text} (${detail})`);

  /** A label's colon: "：" in Chinese, ": " in English. */
  const COLON = LANG === 'zh' ? '：' : ': ';

  /** A list in a line of text: "a、b" in Chinese, "a, b" in English. */
  const listJoin = (items) => items.join(LANG === 'zh' ? '、' : ', ');

  /** A table from rows: columns = [[header, row => cell], ...]. */
  function table(columns, rows, attrs) {
    return el('table', attrs || {},
      el('thead', {}, el('tr', {}, columns.map(([h]) => el('th', {}, h)))),
      el('tbody', {}, rows.map((r) => el('tr', {}, columns.map(([, f]) => el('td', {}, f(r)))))));
  }

  /**
   * A list: a table sortable by clicking (or Enter/Space on) a column header, paged with its total
   * shown ("共 83 条 · 第 1/5 页"), and exportable to CSV and .xlsx with the page's filters — the
   * server re-runs the list (see Lists.java); the browser never dumps the rows it shows.
   *   node     the element the list is drawn in (replaced on every draw)
   *   columns  [[header, row => cell, sortKey], …]: a column with a sortKey (a column of the rows)
   *            sorts by it; cells as App.table's
   *   opts.url      the list's API route: pages come from url?…params&sort=&dir=&offset=&limit=
   *                 and the exports from url/export?…&format=csv|xlsx (server mode)
   *   opts.rows     or the whole list, already loaded: sorted and paged here (client mode);
   *                 opts.exportUrl then names the server route of its export (the filters, sort and
   *                 format appended; opts.exportSorted false: not the sort, when the export is
   *                 another list, e.g. the long form of a pivot table)
   *   opts.params   the page's filters (quarter, district, …)
   *   opts.sort     {key, dir}: the sort it opens with (default: the list's own order)
   *   opts.pageSize rows a page (default 20); opts.id the table's id, opts.tableAttrs more of its
   *                 attributes; opts.rowAttrs(row): attributes of a row
   *   opts.exportIds {csv, xlsx}: ids of the export links; opts.foot: the cells of a footer row (totals)
   *   opts.onPage(answer) after each draw (server mode: the page's answer)
   * Returns a promise of the first draw.
   */
  function list(node, columns, opts) {
    const size = opts.pageSize || 20;
    const state = { sort: opts.sort ? opts.sort.key : null, dir: opts.sort ? opts.sort.dir : 'asc', page: 0 };
    const cmp = (a, b) => {
      if (a === null || a === undefined) return b === null || b === undefined ? 0 : 1;
      if (b === null || b === undefined) return -1;
      return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), locale);
    };
    const query = (extra) => new URLSearchParams(Object.entries({ ...opts.params, ...extra })
      .filter(([, v]) => v !== null && v !== undefined && v !== '')).toString();
    async function fetchPage() {
      const sortArgs = state.sort ? { sort: state.sort, dir: state.dir } : {};
      if (opts.url) return api(opts.url, { ...opts.params, ...sortArgs, offset: state.page * size, limit: size });
      const rows = state.sort ? [...opts.rows].sort((a, b) => (nullsLast(a, b) ?? (state.dir === 'desc' ? -1 : 1) * cmp(a[state.sort], b[state.sort]))) : opts.rows;
      return { total: rows.length, rows: rows.slice(state.page * size, state.page * size + size) };
    }
    const nullsLast = (a, b) => {
      const x = a[state.sort] === null || a[state.sort] === undefined;
      const y = b[state.sort] === null || b[state.sort] === undefined;
      return x === y ? null : x ? 1 : -1;
    };
    const exportHref = (format) => {
      const route = opts.url ? opts.url + '/export' : opts.exportUrl;
      const sorted = state.sort && opts.exportSorted !== false ? { sort: state.sort, dir: state.dir } : {};
      return route ? `${route}?${query({ ...sorted, format })}` : null;
    };
    async function draw() {
      const answer = await fetchPage();
      const pages = Math.max(1, Math.ceil(answer.total / size));
      const head = columns.map(([h, , key]) => {
        if (!key) return el('th', {}, h);
        const sorted = state.sort === key;
        const label = typeof h === 'string' ? h : h.textContent;
        const button = el('button', { type: 'button', class: 'sort', 'data-sort': key, title: t('list_sort', { col: label }),
          onclick: () => { state.dir = sorted && state.dir === 'asc' ? 'desc' : 'asc'; state.sort = key; state.page = 0; draw().catch(showError); } },
        h, el('span', { class: 'sort-mark', 'aria-hidden': 'true' }, sorted ? (state.dir === 'asc' ? ' ▲' : ' ▼') : ' ⇅'));
        return el('th', { 'aria-sort': sorted ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none' }, button);
      });
      const tbl = el('table', { id: opts.id || null, class: 'list-table', ...(opts.tableAttrs || {}) },
        el('thead', {}, el('tr', {}, head)),
        el('tbody', {}, answer.rows.map((r) => el('tr', opts.rowAttrs ? opts.rowAttrs(r) : {}, columns.map(([, f]) => el('td', {}, f(r)))))),
        opts.foot ? el('tfoot', {}, el('tr', {}, opts.foot.map((c) => el('th', {}, c)))) : null);
      const pageButton = (key, to, disabled) => el('button', { type: 'button', class: 'page-' + key, disabled: disabled ? '' : null,
        onclick: () => { state.page = to; draw().catch(showError); } }, t('list_' + key));
      const links = ['csv', 'xlsx'].map((f) => exportHref(f) && el('a', { class: 'export export-' + f, id: opts.exportIds ? opts.exportIds[f] : null,
        href: exportHref(f), download: '' }, t('list_' + f)));
      const bar = el('div', { class: 'list-bar' },
        el('span', { class: 'list-total', role: 'status' }, t('list_total', { total: fmt.num(answer.total), page: fmt.num(state.page + 1), pages: fmt.num(pages) })),
        pageButton('prev', state.page - 1, state.page === 0), pageButton('next', state.page + 1, state.page + 1 >= pages), ...links);
      node.replaceChildren(bar, answer.rows.length ? el('div', { class: 'list-wrap' }, tbl) : el('p', { class: 'muted' }, t('list_none')));
      // what is shown, for tests and styles: the total, the sort and the page (1-based)
      Object.assign(node.dataset, { total: answer.total, sort: state.sort || '', dir: state.sort ? state.dir : '', page: state.page + 1 });
      if (opts.onPage) opts.onPage(answer);
    }
    return draw();
  }

  /** A request id as a link to the request's page (its events, deadline, working days, SLA status). */
  const requestLink = (id) => el('a', { href: '/request?id=' + encodeURIComponent(id), class: 'request-link', 'data-request-link': id }, id);

  return {
    LANG, list, requestLink, ACCEPT_LANGUAGE, t, messages: messagesAdd, api, post, fmt, el, init, chart, emptyState, selector, param, setParams, table, showError, me: () => me,
    quarterState, inProgress, quarterLabel, quarterBadge, knownParam, pageQuarter, skipLink, districtNames, paren, COLON, listJoin,
    metricIds, metricUnit, metricWithUnit, metricLabel, metricTitle, formatMetric, metricHead, metricValue, metricFigure, metricTooltip,
  };
})();
