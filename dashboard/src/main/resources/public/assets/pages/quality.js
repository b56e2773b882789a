'use strict';
App.messages({
  zh: {
    empty_reasons: '所选范围内没有被隔离的记录',
    q_chart: '隔离行：按来源和原因', q_table: '隔离原因明细', q_table_hint: '点击原因查看全部隔离行，点击数字只看该来源。',
    q_rows: '隔离行', q_rows_hint: '请在上方选择一个原因。', q_runs: '数据导入记录（最新在前）',
    q_runs_note: '每次导入按来源汇总：读取行数 = 接收 + 隔离 + 重复事件（同一 event_id 只计一次）。被同区县同季度后一次报送替代的季报不计入，单列为“被替代”。孤立需求（ORPHAN_REQUEST）每次导入重新判定，不计入任何文件的隔离数，因此需求日志的隔离行数可多于此处的隔离数。',
    scope_all: '显示全部来源的隔离行与导入记录。选择区县时，仅显示能归属该区县的数据：文件名为“区县代码.报送日期.csv”的该区县季报文件。',
    scope_district: '区县用户仅可查看本区县季报文件（quarterly_reports/季度/{code}.报送日期.csv）的隔离行与导入记录；基础数据和需求日志文件包含各区县数据，不归属单一区县，仅向市级用户显示。',
    src_reference: '基础数据', src_quarterly_reports: '季报', src_request_logs: '需求日志', src_unrecognized: '无法识别的文件',
    col_reason: '原因', col_code: '代码', col_total: '合计', col_file: '文件', col_line: '行号', col_detail: '说明', col_raw: '原始内容',
    col_run: '导入批次', col_time: '导入时间', col_source: '来源', col_check: '核对',
    rows_for: '隔离行：{reason}', rows_for_source: '隔离行：{reason} · {source}', any_reason: '全部原因',
    prev: '上一页', next: '下一页', runs_range: '第 {from}–{to} 次，共 {total} 次导入',
    balanced: '✓ 平衡', unbalanced: '✗ 不平衡', raw_cut: '（原始内容共 {n} 字符，仅显示前 2000）',
  },
  en: {
    empty_reasons: 'no row quarantined in this selection',
    q_chart: 'Quarantined rows by source and reason', q_table: 'Reasons', q_table_hint: 'Click a reason for its rows; click a number for that source only.',
    q_rows: 'Quarantined rows', q_rows_hint: 'Pick a reason above.', q_runs: 'Ingestion runs (latest first)',
    q_runs_note: 'Per run and source: rows read = accepted + quarantined + duplicate events (an event_id counts once). A report submission replaced by a later one for the same district and quarter does not count and is shown as superseded. Orphan requests (ORPHAN_REQUEST) are re-evaluated on every run and belong to no file\'s count, so the request logs can have more quarantined rows than counted here.',
    scope_all: 'All sources. With a district chosen, only what can be attributed to it: its quarterly-report files, named <district code>.<date>.csv.',
    scope_district: 'A district user sees the quarantine and ingestion runs of their own district\'s quarterly-report files only (quarterly_reports/<quarter>/{code}.<date>.csv); reference files and request logs hold every district\'s data and are shown to commission users only.',
    src_reference: 'Reference', src_quarterly_reports: 'Quarterly reports', src_request_logs: 'Request logs', src_unrecognized: 'Unrecognized files',
    col_reason: 'Reason', col_code: 'Code', col_total: 'Total', col_file: 'File', col_line: 'Line', col_detail: 'Detail', col_raw: 'Raw',
    col_run: 'Run', col_time: 'Ingested at', col_source: 'Source', col_check: 'Check',
    rows_for: 'Quarantined rows: {reason}', rows_for_source: 'Quarantined rows: {reason} · {source}', any_reason: 'all reasons',
    prev: 'Previous', next: 'Next', runs_range: 'runs {from}–{to} of {total}',
    balanced: '✓ balanced', unbalanced: '✗ unbalanced', raw_cut: '(raw is {n} characters, the first 2,000 shown)',
  },
});

const ROWS_PAGE = 50;
const RUNS_PAGE = 20;
// The runs table's row counts: metrics of the catalogue and the API's fields.
const RUN_FIGURES = App.metricIds('ingest_rows_read', 'ingest_rows_accepted', 'ingest_rows_quarantined', 'ingest_duplicates_dropped');
const RUN_FIELDS = ['rows_read', 'rows_accepted', 'rows_quarantined', 'duplicates_dropped'];
// The files of a run and source by what the run did with them (ingest_runs.action), in one column
const FILE_FIGURES = App.metricIds('ingest_files_new', 'ingest_files_changed', 'ingest_files_reprocessed', 'ingest_files_removed');
const FILE_FIELDS = ['files_new', 'files_changed', 'files_reprocessed', 'files_removed'];
/** Several figures in one table column: their heads, or their values, with " / " between. */
const slashed = (parts) => App.el('span', {}, parts.flatMap((p, i) => (i ? [' / ', p] : [p])));
const SOURCE_COLORS = { reference: '#8e6bbf', quarterly_reports: '#4f83c2', request_logs: '#f0a030', unrecognized: '#d9534f' };

function reasonLabel(reasons, code) {
  const r = reasons.find((x) => x.code === code);
  return r ? (App.LANG === 'zh' ? r.zh : r.en) : code;
}

function pager(prefix, offset, shown, total, key, onPage, size) {
  const { t, fmt } = App;
  document.getElementById(prefix + '-range').textContent =
    total ? t(key, { from: fmt.num(offset + 1), to: fmt.num(offset + shown), total: fmt.num(total) }) : '';
  const prev = document.getElementById(prefix + '-prev');
  const next = document.getElementById(prefix + '-next');
  prev.disabled = offset === 0;
  next.disabled = offset + shown >= total;
  prev.onclick = () => onPage(Math.max(0, offset - size)).catch(App.showError);
  next.onclick = () => onPage(offset + size).catch(App.showError);
}

async function renderSummary(district, state) {
  const { t, fmt, el } = App;
  const s = await App.api('/api/quality/summary', { district });
  const reasons = s.reasons;
  const sources = s.sources.filter((src) => s.counts.some((c) => c.source === src));
  const present = reasons.map((r) => r.code).filter((code) => s.counts.some((c) => c.reason_code === code));
  const cell = (src, code) => {
    const c = s.counts.find((x) => x.source === src && x.reason_code === code);
    return c ? c.rows : 0;
  };
  const chart = App.chart('reason-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: App.metricTooltip(sources.map(() => 'quarantined_rows')) },
    legend: { top: 0 },
    grid: { left: 300, right: 30, top: 30, bottom: 30 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: present.map((code) => reasonLabel(reasons, code)), axisLabel: { width: 290, overflow: 'truncate' } },
    series: sources.map((src) => ({
      name: t('src_' + src), type: 'bar', stack: 'q', itemStyle: { color: SOURCE_COLORS[src] },
      data: present.map((code) => cell(src, code) || null),
    })),
  }, t('empty_reasons'));
  chart.off('click');
  chart.on('click', (p) => {
    state.select(sources[p.seriesIndex], present[p.dataIndex]);
  });

  // one row per reason present: its label, code, a count per source and the total (sortable, exported as the counts list)
  const rows = present.map((code) => ({ reason_code: code, label: reasonLabel(reasons, code),
    ...Object.fromEntries(sources.map((src) => [src, cell(src, code)])), total: sources.reduce((a, src) => a + cell(src, code), 0) }));
  const count = (n) => App.formatMetric('quarantined_rows', n);
  const box = document.getElementById('reason-table');
  if (!rows.length) {
    box.replaceChildren(el('p', { class: 'muted' }, t('none')));
    return reasons;
  }
  await App.list(box, [
    [t('col_reason'), (r) => r.label, 'label'],
    [t('col_code'), (r) => el('code', {}, r.reason_code), 'reason_code'],
    ...sources.map((src) => [t('src_' + src), (r) => (r[src]
      ? el('a', { class: 'count', href: '#quarantine-rows', 'data-source': src, onclick: (e) => { e.preventDefault(); e.stopPropagation(); state.select(src, r.reason_code); } }, count(r[src])) : '–'), src]),
    [t('col_total'), (r) => count(r.total), 'total'],
  ], { rows, pageSize: 50, id: 'reasons', tableAttrs: { title: `${App.metricLabel('quarantined_rows')}：${App.metricTitle('quarantined_rows')}` },
    exportUrl: '/api/quality/counts/export', params: { district }, exportSorted: false,
    rowAttrs: (r) => ({ class: 'clickable', 'data-reason': r.reason_code, onclick: () => state.select(null, r.reason_code) }),
    foot: [t('col_total'), '', ...sources.map((src) => count(s.bySource[src] || 0)), count(s.total)],
    onPage: () => document.querySelectorAll('#reasons tr').forEach((tr) => [...tr.children].slice(2).forEach((c) => c.classList.add('num'))) });
  return reasons;
}

async function renderRows(district, reasons, source, reason) {
  const { t, fmt, el } = App;
  const label = reason ? reasonLabel(reasons, reason) : t('any_reason');
  document.getElementById('rows-title').textContent = source
    ? t('rows_for_source', { reason: label, source: t('src_' + source) }) : t('rows_for', { reason: label });
  await App.list(document.getElementById('quarantine-rows'), [
    [t('col_file'), (r) => r.source_file, 'source_file'],
    [t('col_line'), (r) => fmt.num(r.line_number), 'line_number'],
    [t('col_code'), (r) => el('span', { title: reasonLabel(reasons, r.reason_code) }, r.reason_code), 'reason_code'],
    [t('col_detail'), (r) => r.detail, 'detail'],
    [t('col_raw'), (r) => (r.raw === null ? '–' : el('span', {}, el('code', {}, r.raw),
      r.raw_length > r.raw.length ? el('span', { class: 'muted' }, ' ' + t('raw_cut', { n: fmt.num(r.raw_length) })) : null))],
  ], { url: '/api/quality/rows', params: { district, source, reason }, pageSize: ROWS_PAGE, id: 'rows',
    tableAttrs: { 'data-reason': reason || '', 'data-source': source || '' } });
}

async function renderRuns(district, offset) {
  const { t, fmt, el } = App;
  const page = await App.api('/api/quality/runs', { district, offset, limit: RUNS_PAGE });
  const lines = page.runs.flatMap((run) => run.sources.map((src, i) => ({ ...src, run_id: run.run_id, ingested_at: run.ingested_at, first: i === 0 })));
  const tbl = App.table([
    [t('col_time'), (r) => (r.first ? fmt.time(r.ingested_at) : '')],
    [t('col_run'), (r) => (r.first ? el('code', {}, r.run_id) : '')],
    [t('col_source'), (r) => t('src_' + r.source)],
    [App.metricHead('ingest_files'), (r) => App.formatMetric('ingest_files', r.files)],
    [slashed(FILE_FIGURES.map((id) => App.metricHead(id))), (r) => FILE_FIGURES.map((id, i) => App.formatMetric(id, r[FILE_FIELDS[i]])).join(' / ')],
    ...RUN_FIGURES.map((id, i) => [App.metricHead(id), (r) => App.formatMetric(id, r[RUN_FIELDS[i]])]),
    [slashed([App.metricHead('ingest_files_superseded'), App.metricHead('ingest_superseded_rows')]), (r) => (r.files_superseded
      ? `${App.formatMetric('ingest_files_superseded', r.files_superseded)} / ${App.formatMetric('ingest_superseded_rows', r.superseded_rows)}` : '–')],
    [t('col_check'), (r) => el('span', { class: r.balanced ? 'ok' : 'bad' }, t(r.balanced ? 'balanced' : 'unbalanced'))],
  ], lines, { id: 'runs' });
  tbl.querySelectorAll('tr').forEach((tr) => [...tr.children].slice(3, 10).forEach((c) => c.classList.add('num')));
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => {
    tr.dataset.run = lines[i].run_id;
    tr.dataset.source = lines[i].source;
    if (lines[i].first) tr.classList.add('run-first');
  });
  document.getElementById('runs-table').replaceChildren(lines.length ? tbl : el('p', { class: 'muted' }, t('none')));
  pager('runs', offset, page.runs.length, page.total, 'runs_range', (o) => renderRuns(district, o), RUNS_PAGE);
}

async function render(meta, me, district) {
  document.getElementById('scope-note').textContent = me.role === 'district'
    ? App.t('scope_district', { code: me.district }) : App.t('scope_all');
  const state = { reasons: [], source: App.param('source') || null, reason: App.param('reason') || null };
  state.select = (source, reason) => {
    state.source = source;
    state.reason = reason;
    App.setParams({ source, reason });
    document.querySelectorAll('#reason-table tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.reason === reason));
    renderRows(district, state.reasons, source, reason).catch(App.showError);
  };
  state.reasons = await renderSummary(district, state);
  if (state.reason) {
    await renderRows(district, state.reasons, state.source, state.reason);
  }
  await renderRuns(district, 0);
}

function districtName(meta, code) {
  return App.fmt.districtName(meta.districts.find((d) => d.district_code === code)) || code;
}

App.init('quality', async (meta, me) => {
  let district = me.role === 'district' ? me.district
    : App.knownParam('district', meta.districts.map((d) => d.district_code), '', 'district', (c) => (c ? districtName(meta, c) : App.t('all_districts')));
  const codes = me.role === 'district' ? [me.district] : ['', ...meta.districts.map((d) => d.district_code)];
  App.selector('district-filter', codes, district, (c) => (c ? districtName(meta, c) : App.t('all_districts')), (d) => {
    district = d;
    App.setParams({ district, source: null, reason: null });
    render(meta, me, district).catch(App.showError);
  });
  await render(meta, me, district);
});
