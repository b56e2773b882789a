'use strict';
App.messages({
  zh: {
    rp_grid: '季报报送情况（第八条：每季度末报送）',
    rp_grid_note: '季报应于季度结束后第10个工作日前报送；按首次报送日期判定按时或逾期。点击单元格查看报送记录。',
    rp_reconciliation: '现场受理需求核对：季报填报数与需求受理记录',
    rp_reconciliation_note: '季报数：现行季报各现场办公记录“受理需求数”之和；受理记录数：本季度经“现场”渠道受理、属于本区县服务站的需求数。差额 = 季报数 − 受理记录数。',
    report_ON_TIME: '按时', report_LATE: '逾期', report_MISSING: '未报', report_NOT_DUE: '未到期',
    col_district: '区县', h_title: '{district} · {quarter} 季报报送记录', close: '关闭',
    h_file: '文件', h_latest: '现行版本', h_on_time: '期限内', h_late: '超过期限', h_not_counted: '晚于数据截至日，暂未计入',
    h_none: '尚无报送记录。', h_rejects: '现行版本退回原因', h_reason: '原因代码', h_first_line: '首行',
    yes: '是', no: '', c_no_report: '未计入季报',
  },
  en: {
    rp_grid: 'Quarterly reports by district (Art. 8: filed at the end of each quarter)',
    rp_grid_note: 'A report is due by the 10th working day after the quarter; on time or late by its first submission. Click a cell for its submissions.',
    rp_reconciliation: 'On-site requests: reported in the quarterly report vs. the request logs',
    rp_reconciliation_note: 'Reported: the sum of "requests received" over the on-site sessions of the report in force; logged: requests received this quarter through the on-site channel at the district\'s stations. Difference = reported − logged.',
    report_ON_TIME: 'On time', report_LATE: 'Late', report_MISSING: 'Missing', report_NOT_DUE: 'Not due',
    col_district: 'District', h_title: '{district} · {quarter}: submissions', close: 'Close',
    h_file: 'File', h_latest: 'In force', h_on_time: 'by the due date', h_late: 'after the due date', h_not_counted: 'after the as-of date, not counted yet',
    h_none: 'Nothing submitted yet.', h_rejects: 'Rejected rows of the version in force', h_reason: 'Reason code', h_first_line: 'First line',
    yes: 'yes', no: '', c_no_report: 'no report counted',
  },
});

const STATUSES = ['ON_TIME', 'LATE', 'MISSING', 'NOT_DUE'];

function districtName(row) {
  return App.LANG === 'zh' ? row.name_zh : row.name_en;
}

function grid(cells, onOpen) {
  const { t, el, fmt } = App;
  const quarters = [...new Set(cells.map((c) => c.quarter))].sort().reverse();
  const districts = [...new Map(cells.map((c) => [c.district_code, c])).values()];
  const at = Object.fromEntries(cells.map((c) => [c.district_code + ' ' + c.quarter, c]));
  const table = el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, t('col_district')), quarters.map((q) => el('th', { class: 'quarter', title: fmt.quarter(q) }, App.LANG === 'zh' ? `${q.slice(0, 4)}年` : q.slice(0, 4), el('small', {}, App.LANG === 'zh' ? `第${q.slice(5)}季度` : `Q${q.slice(5)}`))))),
    el('tbody', {}, districts.map((d) => el('tr', { 'data-district': d.district_code },
      el('th', {}, districtName(d)),
      quarters.map((q) => {
        const c = at[d.district_code + ' ' + q];
        if (!c) return el('td', {});
        return el('td', {
          class: 'cell clickable', 'data-district': c.district_code, 'data-quarter': c.quarter, 'data-status': c.report_status,
          title: `${App.metricLabel('report_due_date')} ${App.formatMetric('report_due_date', c.due_date)} · ${App.metricLabel('report_first_submitted_on')} ${App.formatMetric('report_first_submitted_on', c.report_first_submitted_on)}\n${App.metricTitle('report_status')}`, onclick: () => onOpen(c.district_code, c.quarter),
        }, el('span', { class: 'badge ' + c.report_status }, t('report_' + c.report_status)),
        c.report_first_submitted_on ? el('span', { class: 'date' }, c.report_first_submitted_on) : null);
      })))));
  document.getElementById('report-grid').replaceChildren(table);
  const counts = Object.fromEntries(STATUSES.map((s) => [s, cells.filter((c) => c.report_status === s).length]));
  document.getElementById('grid-legend').title = `${App.metricLabel('report_status')}：${App.metricTitle('report_status')}`;
  document.getElementById('grid-legend').replaceChildren(...STATUSES.map((s) =>
    el('span', { 'data-status': s }, el('span', { class: 'badge ' + s }, t('report_' + s)), ' ', App.metricValue('district_quarters', counts[s]))));
}

async function openHistory(district, quarter) {
  const { t, el, fmt } = App;
  document.querySelectorAll('#report-grid td.cell.selected').forEach((n) => n.classList.remove('selected'));
  const cell = document.querySelector(`#report-grid td.cell[data-district="${district}"][data-quarter="${quarter}"]`);
  if (cell) cell.classList.add('selected');
  const h = await App.api('/api/reports/history', { district, quarter });
  const s = h.status || {};
  const panel = document.getElementById('history');
  panel.dataset.district = district;
  panel.dataset.quarter = quarter;
  const subs = h.submissions.length ? App.table([
    [App.metricHead('report_submitted_on'), (r) => App.formatMetric('report_submitted_on', r.submitted_on)],
    [t('h_file'), (r) => r.source_file],
    [App.metricHead('report_rows_accepted'), (r) => App.formatMetric('report_rows_accepted', r.rows_accepted)],
    [App.metricHead('report_rows_rejected'), (r) => App.formatMetric('report_rows_rejected', r.rows_rejected)],
    [t('h_latest'), (r) => (r.is_latest ? '✓ ' + t('yes') : '')],
    [App.metricHead('report_submission_timing'), (r) => (!r.counted ? t('h_not_counted') : r.on_time === null ? '–' : el('span', { class: 'badge ' + (r.on_time ? 'ON_TIME' : 'LATE') }, t(r.on_time ? 'h_on_time' : 'h_late')))],
  ], h.submissions, { id: 'history-submissions' }) : el('p', { class: 'muted' }, t('h_none'));
  const rejects = h.rejects.length ? [el('h3', {}, t('h_rejects')), App.table([
    [t('h_reason'), (r) => r.reason_code],
    [App.metricHead('report_rows_rejected'), (r) => App.formatMetric('report_rows_rejected', r.rows_rejected)],
    [t('h_first_line'), (r) => fmt.num(r.first_line)],
  ], h.rejects, { id: 'history-rejects' })] : [];
  panel.replaceChildren(
    el('div', { class: 'head' },
      el('h2', {}, t('h_title', { district: s.name_zh ? districtName(s) : district, quarter: fmt.quarter(quarter) })),
      el('button', { class: 'close', id: 'history-close', onclick: () => { panel.hidden = true; if (cell) cell.classList.remove('selected'); } }, t('close'))),
    el('dl', {},
      el('dt', {}, App.metricHead('report_status')), el('dd', {}, s.report_status ? el('span', { class: 'badge ' + s.report_status }, t('report_' + s.report_status)) : '–'),
      el('dt', {}, App.metricHead('report_due_date')), el('dd', {}, App.formatMetric('report_due_date', s.due_date)),
      el('dt', {}, App.metricHead('report_first_submitted_on')), el('dd', {}, App.formatMetric('report_first_submitted_on', s.report_first_submitted_on))),
    subs, ...rejects);
  panel.hidden = false;
  App.setParams({ district, quarter });
}

async function reconciliation(quarter) {
  const { t, el } = App;
  await App.list(document.getElementById('reconciliation-table'), [
    [t('col_district'), (r) => districtName(r), 'district_code'],
    [App.metricHead('report_status'), (r) => el('span', { class: 'badge ' + r.report_status }, t('report_' + r.report_status)), 'report_status'],
    [App.metricHead('report_sessions'), (r) => App.formatMetric('report_sessions', r.sessions), 'sessions'],
    [App.metricHead('reported_onsite_requests'), (r) => (r.reported_onsite === null ? el('span', { class: 'muted' }, t('c_no_report')) : App.formatMetric('reported_onsite_requests', r.reported_onsite)), 'reported_onsite'],
    [App.metricHead('logged_onsite_requests'), (r) => App.formatMetric('logged_onsite_requests', r.logged_onsite), 'logged_onsite'],
    [App.metricHead('onsite_requests_difference'), (r) => (r.difference === null ? '–' : (r.difference > 0 ? '+' : '') + App.formatMetric('onsite_requests_difference', r.difference)), 'difference'],
  ], { url: '/api/reports/reconciliation', params: { quarter }, pageSize: 50,
    rowAttrs: (r) => ({ 'data-district': r.district_code, class: r.difference === null ? '' : (r.difference === 0 ? 'match' : 'mismatch') + (r.difference_large ? ' large' : '') }),
    onPage: () => {
      document.querySelectorAll('#reconciliation-table tbody tr').forEach((tr) => {
        tr.lastElementChild.classList.add('diff');
        [2, 3, 4, 5].forEach((k) => tr.children[k].classList.add('num'));
      });
      document.querySelectorAll('#reconciliation-table thead th').forEach((th, k) => { if (k >= 2) th.classList.add('num'); });
    } });
}

App.init('reports', async (meta) => {
  const data = await App.api('/api/reports');
  grid(data.cells, (d, q) => openHistory(d, q).catch(App.showError));
  let quarter = App.pageQuarter(meta);
  App.quarterBadge('quarter', quarter);
  App.selector('quarter', meta.quarters, quarter, App.quarterLabel, (q) => { quarter = q; App.quarterBadge('quarter', quarter); reconciliation(quarter).catch(App.showError); });
  await reconciliation(quarter);
  const d = App.param('district');
  if (d && App.param('quarter') && data.cells.some((c) => c.district_code === d && c.quarter === App.param('quarter'))) {
    await openHistory(d, App.param('quarter'));
  }
});
