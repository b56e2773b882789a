'use strict';
App.messages({
  zh: {
    empty_shortlist: '本年度没有进入候选名单的众创空间',
    aw_shortlist: '优秀服务专员表彰候选名单（第八条）', aw_chart: '得分构成', aw_rules: '评选规则',
    aw_near: '未入围的高分服务专员', aw_near_note: '符合资格但因名额限制未入围者，按得分排列，列出未满足的规则及差距。',
    aw_export_csv: '导出 CSV', aw_export_xlsx: '导出 Excel',
    aw_provisional: '暂定：截至 {asOf} 本年度尚未结束', aw_final: '正式名单',
    col_name: '服务专员', col_id: '编号', col_district: '区县', col_reason: '未满足的规则',
    reason_DISTRICT_CAP: '区县名额', reason_TOTAL_CAP: '全市名额',
    rules_source: '规则来源：{source}；数据截至 {asOf}', no_candidates: '本年度无符合资格的服务专员',
  },
  en: {
    empty_shortlist: 'no maker space on this year\'s shortlist',
    aw_shortlist: 'Award shortlist of outstanding commissioners (Art. 8)', aw_chart: 'Score components', aw_rules: 'Rules',
    aw_near: 'Near misses', aw_near_note: 'Eligible commissioners kept off the list by a cap, best score first, with the rule and the margin.',
    aw_export_csv: 'Export CSV', aw_export_xlsx: 'Export Excel',
    aw_provisional: 'Provisional: the year is not over as of {asOf}', aw_final: 'Final',
    col_name: 'Commissioner', col_id: 'ID', col_district: 'District', col_reason: 'Rule not met',
    reason_DISTRICT_CAP: 'District cap', reason_TOTAL_CAP: 'Total cap',
    rules_source: 'Rules from {source}; data as of {asOf}', no_candidates: 'No eligible commissioner this year',
  },
});

// The score's components: metrics of the catalogue and fields of the API alike.
const COMPONENTS = App.metricIds('score_sla', 'score_onsite', 'score_satisfaction', 'score_volume');
const COMPONENT_COLORS = ['#1d4f85', '#4f83c2', '#3aa17e', '#e0a526'];
// The shortlist's other figures: [metric, the API's field]
const FIGURES = App.metricIds('requests_handled', 'commissioner_on_time_rate', 'commissioner_onsite_hours', 'commissioner_avg_satisfaction');
const FIGURE_FIELDS = ['requests_handled', 'on_time_rate', 'onsite_hours', 'avg_satisfaction'];
// The summary's figures: [metric, the API's field of data.summary]
const SUMMARY = App.metricIds('award_commissioners', 'award_eligible', 'award_shortlisted');
const SUMMARY_FIELDS = ['commissioners', 'eligible', 'shortlisted'];
// The award rules (award_rules.rule, in the API's data.rules) and their metrics
const RULES = ['min_requests_handled', 'min_on_time_rate', 'min_onsite_hours', 'sla_points', 'onsite_points', 'onsite_full_hours',
  'satisfaction_points', 'volume_points', 'max_per_district', 'max_total'];
const RULE_METRICS = App.metricIds('award_min_requests_handled', 'award_min_on_time_rate', 'award_min_onsite_hours', 'award_sla_points',
  'award_onsite_points', 'award_onsite_full_hours', 'award_satisfaction_points', 'award_volume_points', 'award_max_per_district', 'award_max_total');

function districtLabel(r) {
  return App.LANG === 'zh' ? r.district_name_zh || r.district_code : r.district_name_en || r.district_code;
}

function renderShortlist(data) {
  const { t } = App;
  const bare = { bare: true };
  const tbl = App.table([
    [App.metricHead('award_rank'), (r) => App.formatMetric('award_rank', r.rank, bare)],
    [t('col_name'), (r) => r.name],
    [t('col_id'), (r) => r.commissioner_id],
    [t('col_district'), (r) => App.el('span', { class: 'nowrap' }, districtLabel(r))],
    [App.metricHead('award_score'), (r) => App.formatMetric('award_score', r.score, bare)],
    ...COMPONENTS.map((k) => [App.metricHead(k), (r) => App.formatMetric(k, r[k], bare)]),
    ...FIGURES.map((k, i) => [App.metricHead(k), (r) => App.formatMetric(k, r[FIGURE_FIELDS[i]])]),
  ], data.shortlist, { id: 'shortlist' });
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.commissioner = data.shortlist[i].commissioner_id; });
  tbl.querySelectorAll('tbody td:not(:nth-child(-n+4))').forEach((td) => td.classList.add('num'));
  const box = document.getElementById('shortlist-table');
  box.replaceChildren(data.shortlist.length ? tbl : App.el('p', { class: 'muted' }, t('none')));
}

function renderChart(data) {
  const rows = data.shortlist;
  App.chart('score-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: App.metricTooltip(COMPONENTS, null, (i) => [['award_score', rows[i].score]]) },
    legend: { top: 0 },
    grid: { left: 10, right: 70, top: 40, bottom: 30, containLabel: true },
    xAxis: { type: 'value', min: 0, max: 100 },
    yAxis: { type: 'category', inverse: true, data: rows.map((r) => App.paren(`${r.rank}. ${r.name}`, districtLabel(r))) },
    series: COMPONENTS.map((k, i) => ({
      name: App.metricLabel(k), type: 'bar', stack: 'score', barMaxWidth: 28, itemStyle: { color: COMPONENT_COLORS[i] }, data: rows.map((r) => Number(r[k])),
      // the whole bar's value, the score, at its end
      label: i === COMPONENTS.length - 1 ? { show: true, position: 'right', color: '#1f2933', formatter: (p) => App.formatMetric('award_score', rows[p.dataIndex].score) } : { show: false },
    })),
  }, { reason: App.t('empty_shortlist'), zerosAreData: true }, { metrics: COMPONENTS });
}

function renderRules(data) {
  const { el, t } = App;
  // a rule the catalogue does not know yet is shown by its name, its value unformatted
  const dl = el('dl', {}, data.rules.flatMap((r) => {
    const id = RULE_METRICS[RULES.indexOf(r.rule)];
    return [
      el('dt', { 'data-rule': r.rule }, id ? App.metricHead(id) : r.rule),
      el('dd', {}, id ? App.formatMetric(id, r.value) : App.fmt.num(r.value)),
    ];
  }));
  document.getElementById('rules').replaceChildren(dl, el('p', { class: 'muted' }, t('rules_source', { source: data.rulesSource || '–', asOf: data.asOf || '–' })));
}

function renderNearMisses(data) {
  const { t, el } = App;
  const tbl = App.table([
    [App.metricHead('eligible_position'), (r) => App.formatMetric('eligible_position', r.eligible_position)],
    [t('col_name'), (r) => r.name],
    [t('col_id'), (r) => r.commissioner_id],
    [t('col_district'), (r) => App.el('span', { class: 'nowrap' }, districtLabel(r))],
    [App.metricHead('award_score'), (r) => App.formatMetric('award_score', r.score, { bare: true })],
    [t('col_reason'), (r) => el('span', {},
      el('span', { class: 'badge ' + r.not_shortlisted_reason }, t('reason_' + r.not_shortlisted_reason)), ' ',
      el('span', { class: 'reason' }, App.LANG === 'zh' ? r.reason_zh : r.reason_en))],
    [App.metricHead('places_behind'), (r) => App.formatMetric('places_behind', r.places_behind, { bare: true })],
    [App.metricHead('points_behind'), (r) => App.formatMetric('points_behind', r.points_behind, { bare: true })],
  ], data.nearMisses, { id: 'near-miss-table' });
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.commissioner = data.nearMisses[i].commissioner_id; });
  document.getElementById('near-misses').replaceChildren(data.nearMisses.length ? tbl : el('p', { class: 'muted' }, t('none')));
}

async function render(year) {
  const { t } = App;
  const data = await App.api('/api/awards', { year });
  const badge = document.getElementById('provisional-badge');
  badge.hidden = !data.provisional;
  badge.textContent = data.provisional ? t('aw_provisional', { asOf: data.asOf }) : '';
  const s = data.summary;
  document.getElementById('summary').replaceChildren(...(s.eligible
    ? SUMMARY.flatMap((id, i) => [...(i ? [' · '] : []), App.metricFigure(id, s[SUMMARY_FIELDS[i]])])
    : [t('no_candidates')]));
  for (const format of ['csv', 'xlsx']) {
    document.getElementById('export-' + format).href = `/api/awards/export?year=${encodeURIComponent(year)}&format=${format}`;
  }
  renderShortlist(data);
  renderChart(data);
  renderRules(data);
  renderNearMisses(data);
}

App.init('awards', async (meta) => {
  const years = meta.years.map(String);
  let year = App.knownParam('year', years, years[0], 'year', App.fmt.year);
  App.selector('year', years, year, App.fmt.year, (y) => { year = y; App.setParams({ year }); render(year).catch(App.showError); });
  await render(year);
});
