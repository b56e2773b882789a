'use strict';
App.messages({
  zh: {
    c_schema: '数据表（点击插入名称）', c_editor: 'SQL 查询', c_run: '运行 (Ctrl+Enter)', c_cancel: '取消', c_export: '导出 CSV',
    c_row_limit: '显示行数上限', c_results: '查询结果', c_history: '我的查询历史', c_saved: '共享查询',
    c_save: '保存当前查询', c_save_name: '查询名称', c_delete: '删除', c_load: '载入',
    c_running: '正在运行…', c_cancelling: '正在取消…', c_exporting: '正在导出…',
    c_done: '{rows} 行，用时 {ms} 毫秒', c_truncated: '结果已截断：仅显示前 {n} 行',
    c_exported: '已导出 CSV（最多 {max} 行）', c_no_rows: '查询没有返回任何行', c_saved_ok: '已保存',
    c_confirm_delete: '删除共享查询“{name}”？所有分析员都将看不到它。', c_need_name: '请先填写查询名称',
    c_rules: '只允许单条只读查询（SELECT / WITH … / DESCRIBE / SUMMARIZE）；超时 {timeout} 秒自动取消；最多显示 {shown} 行，导出 {exported} 行；所有查询与导出均记入审计日志。',
    c_by: '{author} · {at}',
    status_ok: '成功', status_error: '出错', status_refused: '已拒绝', status_timeout: '超时', status_cancelled: '已取消',
    action_export: '导出',
  },
  en: {
    c_schema: 'Tables (click to insert a name)', c_editor: 'SQL query', c_run: 'Run (Ctrl+Enter)', c_cancel: 'Cancel', c_export: 'Export CSV',
    c_row_limit: 'Rows shown at most', c_results: 'Results', c_history: 'My query history', c_saved: 'Shared queries',
    c_save: 'Save this query', c_save_name: 'Query name', c_delete: 'Delete', c_load: 'Load',
    c_running: 'Running…', c_cancelling: 'Cancelling…', c_exporting: 'Exporting…',
    c_done: '{rows} rows in {ms} ms', c_truncated: 'Truncated: only the first {n} rows are shown',
    c_exported: 'CSV exported (at most {max} rows)', c_no_rows: 'The query returned no rows', c_saved_ok: 'Saved',
    c_confirm_delete: 'Delete the shared query "{name}"? No analyst will see it any more.', c_need_name: 'Give the query a name first',
    c_rules: 'One read-only query at a time (SELECT / WITH … / DESCRIBE / SUMMARIZE); cancelled after {timeout} s; at most {shown} rows shown and {exported} exported; every query and export is audited.',
    c_by: '{author} · {at}',
    status_ok: 'succeeded', status_error: 'error', status_refused: 'refused', status_timeout: 'timed out', status_cancelled: 'cancelled',
    action_export: 'export',
  },
});

const $ = (id) => document.getElementById(id);
let running = null; // the queryId of the query in flight
let cancelRequested = false;

function status(text, isError) {
  const s = $('status');
  s.textContent = text;
  s.className = isError ? 'error' : '';
}

/** Inserts text at the editor's cursor. */
function insert(text) {
  const ed = $('sql');
  const start = ed.selectionStart ?? ed.value.length;
  const end = ed.selectionEnd ?? ed.value.length;
  ed.value = ed.value.slice(0, start) + text + ed.value.slice(end);
  ed.focus();
  ed.selectionStart = ed.selectionEnd = start + text.length;
}

/** A query id the page chooses, so that Cancel can name the query while it runs (works without a secure context). */
function newQueryId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return 'q-' + Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

function renderSchema(tables) {
  const { el } = App;
  $('schema').replaceChildren(...tables.map((t) => el('details', { 'data-table': t.name },
    el('summary', {},
      el('span', { class: 'name', title: t.description, onclick: (e) => { e.preventDefault(); insert(t.name); } }, t.name),
      el('span', { class: 'desc' }, t.description)),
    el('ul', {}, t.columns.map((c) => el('li', { class: 'clickable', 'data-column': c.name, title: c.description, onclick: () => insert(c.name) },
      c.name, el('span', { class: 'type' }, c.type), el('span', { class: 'desc' }, c.description)))))));
}

function cellText(v) {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function renderResult(r) {
  const { el, t, fmt } = App;
  const numeric = r.types.map((ty) => /INT|DECIMAL|DOUBLE|FLOAT|REAL|NUMERIC/.test(ty));
  const table = el('table', { id: 'result-table' },
    el('thead', {}, el('tr', {}, r.columns.map((c, i) => el('th', { class: numeric[i] ? 'num' : '' }, c, el('span', { class: 'type' }, r.types[i]))))),
    el('tbody', {}, r.rows.map((row) => el('tr', {}, row.map((v, i) => el('td', { class: (numeric[i] ? 'num' : '') + (v === null ? ' muted' : '') }, cellText(v)))))));
  const notes = [];
  if (r.truncated) notes.push(el('p', { class: 'badge warn', id: 'truncated' }, t('c_truncated', { n: fmt.num(r.rows.length) })));
  if (!r.rows.length) notes.push(el('p', { class: 'muted' }, t('c_no_rows')));
  $('results').replaceChildren(...notes, table);
  status(t('c_done', { rows: fmt.num(r.rows.length), ms: fmt.num(r.milliseconds) }));
}

/**
 * Selects where a syntax error is in the editor ({line, column, start, end}: UTF-16 offsets, as
 * the server counts them for the text it was sent) and scrolls it into view.
 */
function markError(position) {
  const ed = $('sql');
  if (!position || position.start > ed.value.length) return;
  const end = Math.min(Math.max(position.end, position.start + 1), ed.value.length);
  ed.focus();
  ed.setSelectionRange(position.start, Math.max(end, position.start));
  const lineHeight = parseFloat(getComputedStyle(ed).lineHeight) || 18;
  ed.scrollTop = Math.max(0, (position.line - 3) * lineHeight);
}

function busy(on) {
  $('run').disabled = on;
  $('export').disabled = on;
  $('cancel').disabled = !on;
}

async function run() {
  const sql = $('sql').value;
  if (running || !sql.trim()) return;
  running = newQueryId();
  cancelRequested = false;
  busy(true);
  status(App.t('c_running'));
  try {
    const maxRows = Number($('row-limit').value) || undefined;
    renderResult(await App.post('/api/console/query', { sql, maxRows, queryId: running }));
  } catch (err) {
    $('results').replaceChildren();
    if (cancelRequested) status(App.t('status_cancelled'));
    else {
      status(err.message, true);
      markError(err.data && err.data.position);
    }
  } finally {
    running = null;
    busy(false);
    loadHistory().catch(App.showError);
  }
}

async function cancel() {
  if (!running) return;
  cancelRequested = true;
  status(App.t('c_cancelling'));
  try {
    await App.post('/api/console/cancel', { queryId: running });
  } catch (err) {
    status(err.message, true);
  }
}

/** POSTs the query and saves the CSV the server streams back (fetch, because the request needs the CSRF header). */
async function exportCsv(me, limits) {
  const sql = $('sql').value;
  if (!sql.trim()) return;
  busy(true);
  $('cancel').disabled = true;
  status(App.t('c_exporting'));
  try {
    const res = await fetch('/api/console/export', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'text/csv, application/json', 'Accept-Language': App.ACCEPT_LANGUAGE, 'X-CSRF-Token': me.csrfToken },
      body: JSON.stringify({ sql }),
    });
    if (!res.ok) {
      let msg = res.statusText;
      try { msg = (await res.json()).error || msg; } catch (e) { /* not JSON */ }
      throw new Error(msg);
    }
    const blob = await res.blob();
    const name = (/filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') || '') || [])[1] || 'console.csv';
    const a = App.el('a', { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
    status(App.t('c_exported', { max: App.fmt.num(limits.maxRowsExported) }));
  } catch (err) {
    status(err.message, true);
  } finally {
    busy(false);
    loadHistory().catch(App.showError);
  }
}

async function loadHistory() {
  const { el, t, fmt } = App;
  const items = await App.api('/api/console/history');
  $('history').replaceChildren(...items.map((h) => el('li', { class: 'clickable', title: h.sql, onclick: () => { $('sql').value = h.sql; $('sql').focus(); } },
    el('span', { class: 'status-' + h.status }, t('status_' + h.status)),
    h.action === 'export' ? ` · ${t('action_export')}` : '',
    ` · ${fmt.time(h.at)} · ${fmt.num(h.rows)} · ${fmt.num(h.milliseconds)} ms`,
    el('code', {}, h.sql))));
}

async function loadSaved() {
  const { el, t, fmt } = App;
  const items = await App.api('/api/console/saved');
  $('saved').replaceChildren(...items.map((q) => el('li', { 'data-id': q.id },
    el('div', { class: 'load clickable', title: q.sql, onclick: () => { $('sql').value = q.sql; $('sql').focus(); } },
      el('strong', {}, q.name), el('span', { class: 'muted' }, ' ' + t('c_by', { author: q.author, at: fmt.time(q.savedAt) })),
      el('code', {}, q.sql)),
    el('button', { class: 'delete', onclick: () => removeSaved(q) }, t('c_delete')))));
}

async function save() {
  const name = $('save-name').value.trim();
  if (!name) { status(App.t('c_need_name'), true); return; }
  try {
    await App.post('/api/console/saved', { name, sql: $('sql').value });
    $('save-name').value = '';
    status(App.t('c_saved_ok'));
    await loadSaved();
  } catch (err) {
    status(err.message, true);
  }
}

async function removeSaved(q) {
  if (!confirm(App.t('c_confirm_delete', { name: q.name }))) return;
  try {
    await App.post('/api/console/saved/delete', { id: q.id });
    await loadSaved();
  } catch (err) {
    status(err.message, true);
  }
}

App.init('console', async (meta, me) => {
  const schema = await App.api('/api/console/schema');
  const limits = schema.limits;
  renderSchema(schema.tables);
  $('rules').textContent = App.t('c_rules', { timeout: limits.timeoutSeconds, shown: App.fmt.num(limits.maxRowsShown), exported: App.fmt.num(limits.maxRowsExported) });
  $('row-limit').max = limits.maxRowsShown;
  $('save-name').placeholder = App.t('c_save_name');
  $('sql').value = $('sql').value || 'SELECT district_code, sla_status, count(*) AS requests\nFROM requests\nGROUP BY ALL\nORDER BY ALL';
  $('run').onclick = run;
  $('cancel').onclick = cancel;
  $('export').onclick = () => exportCsv(me, limits);
  $('save').onclick = save;
  $('sql').addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
      e.preventDefault();
      run();
    }
  });
  await Promise.all([loadHistory(), loadSaved()]);
});
