'use strict';
App.messages({
  zh: {
    al_day: '日期', al_by_district: '各区县提醒',
    al_rules: '依据津科创〔2015〕51号：第七条，需求受理后10个工作日内反馈，截止日在当日或之后{request}个工作日内的未反馈需求为“即将到期”，已过截止日的为“逾期”；'
      + '第八条，各区县每季度末报送季报，截止日为季度末后第10个工作日，{report}个工作日内到期且未报送的为“即将到期”，已过截止日仍未报送的为“未报”。工作日按工作日历（含调休）计算。',
    al_summary: '{day} · 数据截至 {asOf} ·', al_working: '工作日', al_off: '休息日，不发送邮件提醒',
    col_district: '区县', col_request: '需求编号', col_category: '服务类别', col_quarter: '季度', nothing: '无提醒',
  },
  en: {
    al_day: 'Day', al_by_district: 'Alerts by district',
    al_rules: 'Notice 津科创〔2015〕51号, Art. 7: feedback within 10 working days of a request — an open request is "due soon" when its deadline is today or within the next {request} working days, "overdue" once the deadline has passed. '
      + 'Art. 8: every district reports each quarter, due on the 10th working day after the quarter ends — "due soon" within {report} working days, "missing" when past due with none submitted. Working days follow the calendar (with make-up days).',
    al_summary: '{day} · data as of {asOf} ·', al_working: 'working day', al_off: 'day off: no e-mail digest',
    col_district: 'District', col_request: 'Request', col_category: 'Service category', col_quarter: 'Quarter', nothing: 'Nothing due',
  },
});

// The four kinds of alert (the API's fields) and their figures in the metric catalogue.
const KINDS = ['requestsDueSoon', 'requestsOverdue', 'reportsDueSoon', 'reportsMissing'];
const KIND_METRICS = App.metricIds('requests_due_soon', 'overdue_on_day', 'reports_due_soon', 'reports_missing');
const kindMetric = (kind) => KIND_METRICS[KINDS.indexOf(kind)];

function columns(kind) {
  const { t, fmt } = App;
  const category = (r) => (App.LANG === 'zh' ? r.category_name_zh : r.category_name_en) || r.category;
  const days = kind.endsWith('DueSoon')
    ? [App.metricHead('working_days_left'), (r) => App.formatMetric('working_days_left', r.working_days_left, { bare: true }), 'working_days_left']
    : [App.metricHead('working_days_overdue_on_day'), (r) => App.formatMetric('working_days_overdue_on_day', r.working_days_overdue, { bare: true }), 'working_days_overdue'];
  if (kind === 'requestsDueSoon' || kind === 'requestsOverdue') {
    return [
      [t('col_request'), (r) => App.requestLink(r.request_id), 'request_id'],
      [t('col_category'), category, 'category'],
      [App.metricHead('received_date'), (r) => App.formatMetric('received_date', r.received_date), 'received_date'],
      [App.metricHead('deadline_date'), (r) => App.formatMetric('deadline_date', r.deadline_date), 'deadline_date'],
      days,
    ];
  }
  return [
    [t('col_quarter'), (r) => fmt.quarter(r.quarter), 'quarter'],
    [App.metricHead('report_due_date'), (r) => App.formatMetric('report_due_date', r.due_date), 'due_date'],
    days,
  ];
}

/** One district's alerts of one kind: a list (sortable, paged, exported by GET /api/alerts/list/export). */
function alertList(kind, d, day) {
  const box = App.el('div', { class: 'alert-rows', 'data-kind': kind });
  App.list(box, columns(kind), { rows: d[kind], pageSize: 20, exportUrl: '/api/alerts/list/export',
    params: { kind, on: day, district: d.district_code } }).catch(App.showError);
  return box;
}

async function render(day, district) {
  const { t, fmt, el } = App;
  const data = await App.api('/api/alerts', { on: day, district });
  document.getElementById('alert-day').value = data.day;
  // the windows are the server's (AlertService), so the rule's text cannot disagree with the lists
  document.getElementById('alert-rules').textContent = t('al_rules', { request: data.requestWindowWorkingDays, report: data.reportWindowWorkingDays });
  document.getElementById('alert-summary').replaceChildren(
    t('al_summary', { day: data.day, asOf: data.asOf || '–' }),
    ' ', el('span', { class: data.workingDay ? 'working' : 'dayoff', id: 'alert-day-kind' }, data.workingDay ? t('al_working') : t('al_off')));
  document.getElementById('cards').replaceChildren(...KINDS.map((k) => el('div', { class: 'card' + (data.totals[k] > 0 ? ' hot' : ''), 'data-kind': k },
    el('div', { class: 'label' }, App.metricHead(kindMetric(k))), el('div', { class: 'value' }, App.formatMetric(kindMetric(k), data.totals[k])))));

  const tbl = App.table([
    [t('col_district'), (d) => fmt.districtName(d)],
    ...KINDS.map((k) => [App.metricHead(kindMetric(k)), (d) => App.formatMetric(kindMetric(k), d.counts[k])]),
  ], data.districts, { id: 'alert-counts-table' });
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => {
    const d = data.districts[i];
    tr.dataset.district = d.district_code;
    tr.classList.add('clickable');
    tr.onclick = () => document.getElementById('alerts-' + d.district_code)?.scrollIntoView({ behavior: 'smooth' });
    tr.querySelectorAll('td').forEach((td, j) => { if (j > 0) td.className = 'n' + (d.counts[KINDS[j - 1]] > 0 ? ' hot' : ''); });
  });
  document.getElementById('alert-counts').replaceChildren(tbl);

  document.getElementById('alert-districts').replaceChildren(...data.districts.map((d) => {
    const parts = KINDS.filter((k) => d[k].length > 0).map((k) => el('details', { open: k === 'requestsOverdue' ? null : '', 'data-kind': k },
      el('summary', { title: App.metricTitle(kindMetric(k)) }, App.metricLabel(kindMetric(k)) + App.COLON + App.formatMetric(kindMetric(k), d[k].length)),
      alertList(k, d, data.day)));
    return el('section', { class: 'panel district-alerts', id: 'alerts-' + d.district_code, 'data-district': d.district_code },
      el('h2', {}, App.paren(fmt.districtName(d), d.district_code)),
      parts.length ? parts : el('p', { class: 'nothing' }, t('nothing')));
  }));
}

App.init('alerts', async (meta, me) => {
  let day = App.param('on') || '';
  const name = (c) => App.fmt.districtName(meta.districts.find((d) => d.district_code === c)) || c;
  let district = me.role === 'district' ? me.district
    : App.knownParam('district', meta.districts.map((d) => d.district_code), '', 'district', (c) => (c ? name(c) : App.t('all_districts')));
  const codes = me.role === 'district' ? [me.district] : ['', ...meta.districts.map((d) => d.district_code)];
  App.selector('district-filter', codes, district, (c) => (c ? name(c) : App.t('all_districts')), (d) => {
    district = d; App.setParams({ district }); render(day, district).catch(App.showError);
  });
  document.getElementById('alert-day').onchange = (e) => {
    day = e.target.value; App.setParams({ on: day }); render(day, district).catch(App.showError);
  };
  await render(day, district);
});
