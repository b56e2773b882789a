'use strict';
App.messages({
  zh: {
    empty_shortlist: '本年度没有进入候选名单的众创空间',
    aw_shortlist: '优秀服务专员表彰候选名单（第八条）', aw_chart: '得分构成', aw_rules: '评选规则',
    aw_near: '未入围的高分服务专员', aw_near_note: '符合资格但因名额限制未入围者，按得分排列，列出未满足的规则及差距。',
    ex_title: '{name}（{id}）{year}年度评选说明', ex_open: '查看{name}的评选说明', ex_qualified: '资格（第五条）', ex_yes: '符合', ex_no: '不符合：{issues}',
    ex_rule: '{value}（要求 ≥ {min}）', ex_met: '满足', ex_failed: '未满足，差 {gap}', ex_none: '无',
    ex_satisfaction_none: '无评分（要求至少有一条评分）', ex_not_eligible: '不具备入围资格：{n} 条规则未满足',
    ex_score: '总分构成', ex_position: '符合资格者中第 {pos} 名（共 {n} 人），本区县第 {dpos} 名',
    ex_shortlisted: '入围：第 {rank} 名', ex_not_shortlisted: '未入围：{reason}', ex_result: '结论',
    aw_provisional: '暂定：截至 {asOf} 本年度尚未结束', aw_final: '正式名单',
    col_name: '服务专员', col_id: '编号', col_district: '区县', col_reason: '未满足的规则',
    reason_DISTRICT_CAP: '区县名额', reason_TOTAL_CAP: '全市名额',
    rules_source: '规则来源：{source}；数据截至 {asOf}', no_candidates: '本年度无符合资格的服务专员',
  },
  en: {
    empty_shortlist: 'no maker space on this year\'s shortlist',
    aw_shortlist: 'Award shortlist of outstanding commissioners (Art. 8)', aw_chart: 'Score components', aw_rules: 'Rules',
    aw_near: 'Near misses', aw_near_note: 'Eligible commissioners kept off the list by a cap, best score first, with the rule and the margin.',
    ex_title: 'Why {name} ({id}) in {year}', ex_open: 'Explain the award figures of {name}', ex_qualified: 'Qualified (Art. 5)', ex_yes: 'yes', ex_no: 'no: {issues}',
    ex_rule: '{value} (rule ≥ {min})', ex_met: 'met', ex_failed: 'not met, short by {gap}', ex_none: 'none',
    ex_satisfaction_none: 'no rated request (at least one is required)', ex_not_eligible: 'not eligible: {n} rule(s) not met',
    ex_score: 'Score', ex_position: '#{pos} of {n} eligible, #{dpos} in the district',
    ex_shortlisted: 'shortlisted: rank {rank}', ex_not_shortlisted: 'not shortlisted: {reason}', ex_result: 'Result',
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
// The "at least" rules of award_eligibility: its fields, the figures' metrics, the rules' metrics
const EXPLAIN_FIELDS = ['requests_handled', 'on_time_rate', 'onsite_hours'];
const EXPLAIN_METRICS = App.metricIds('requests_handled', 'commissioner_on_time_rate', 'commissioner_onsite_hours');
const EXPLAIN_MINIMA = App.metricIds('award_min_requests_handled', 'award_min_on_time_rate', 'award_min_onsite_hours');
// The award rules (award_rules.rule, in the API's data.rules) and their metrics
const RULES = ['min_requests_handled', 'min_on_time_rate', 'min_onsite_hours', 'sla_points', 'onsite_points', 'onsite_full_hours',
  'satisfaction_points', 'volume_points', 'max_per_district', 'max_total'];
const RULE_METRICS = App.metricIds('award_min_requests_handled', 'award_min_on_time_rate', 'award_min_onsite_hours', 'award_sla_points',
  'award_onsite_points', 'award_onsite_full_hours', 'award_satisfaction_points', 'award_volume_points', 'award_max_per_district', 'award_max_total');

function districtLabel(r) {
  return App.LANG === 'zh' ? r.district_name_zh || r.district_code : r.district_name_en || r.district_code;
}

/** A commissioner's name as a button that opens their explain-award breakdown. */
function explainButton(year, r) {
  return App.el('button', { type: 'button', class: 'link', 'data-explain': r.commissioner_id, title: App.t('ex_open', { name: r.name }),
    onclick: () => renderExplain(year, r.commissioner_id).catch(App.showError) }, r.name);
}

function renderShortlist(data) {
  const { t } = App;
  const bare = { bare: true };
  // an empty shortlist (a district without one) still shows its total and its export links
  App.list(document.getElementById('shortlist-table'), [
    [App.metricHead('award_rank'), (r) => App.formatMetric('award_rank', r.rank, bare), 'rank'],
    [t('col_name'), (r) => explainButton(data.year, r), 'name'],
    [t('col_id'), (r) => r.commissioner_id, 'commissioner_id'],
    [t('col_district'), (r) => App.el('span', { class: 'nowrap' }, districtLabel(r)), 'district_code'],
    [App.metricHead('award_score'), (r) => App.formatMetric('award_score', r.score, bare), 'score'],
    ...COMPONENTS.map((k) => [App.metricHead(k), (r) => App.formatMetric(k, r[k], bare), k]),
    ...FIGURES.map((k, i) => [App.metricHead(k), (r) => App.formatMetric(k, r[FIGURE_FIELDS[i]]), FIGURE_FIELDS[i]]),
  ], { rows: data.shortlist, pageSize: 50, id: 'shortlist', exportUrl: '/api/awards/export', params: { year: data.year },
    exportIds: { csv: 'export-csv', xlsx: 'export-xlsx' }, rowAttrs: (r) => ({ 'data-commissioner': r.commissioner_id }),
    onPage: () => document.querySelectorAll('#shortlist tbody td:not(:nth-child(-n+4))').forEach((td) => td.classList.add('num')) }).catch(App.showError);
}

/** The explain-award breakdown of one commissioner (GET /api/awards/explain: award_eligibility, award_candidates). */
async function renderExplain(year, id) {
  const { t, el } = App;
  const x = await App.api('/api/awards/explain', { year, commissioner: id });
  const e = x.eligibility;
  const c = x.candidate;
  const rows = [[t('ex_qualified'), e.qualified ? t('ex_yes') : el('span', { class: 'failed' }, t('ex_no', { issues: e.qualification_issues }))]];
  EXPLAIN_FIELDS.forEach((field, i) => {
    const metric = EXPLAIN_METRICS[i];
    const min = EXPLAIN_MINIMA[i];
    const met = e[field + '_met'];
    const value = e[field] === null ? t('ex_none') : App.formatMetric(metric, e[field]);
    const gap = e[field] === null ? App.formatMetric(min, e['min_' + field]) : App.formatMetric(metric, e['min_' + field] - e[field]);
    rows.push([App.metricHead(metric), el('span', { 'data-rule': field, 'data-met': String(met) },
      t('ex_rule', { value, min: App.formatMetric(min, e['min_' + field]) }), ' ',
      el('span', { class: met ? 'met' : 'failed' }, met ? t('ex_met') : t('ex_failed', { gap })))]);
  });
  rows.push([App.metricHead('commissioner_avg_satisfaction'), e.avg_satisfaction === null
    ? el('span', { class: 'failed' }, t('ex_satisfaction_none')) : App.formatMetric('commissioner_avg_satisfaction', e.avg_satisfaction)]);
  if (!c) {
    rows.push([t('ex_result'), el('strong', { id: 'explain-result', 'data-result': 'not-eligible' }, t('ex_not_eligible', { n: e.rules_failed }))]);
  } else {
    rows.push([App.metricHead('award_score'), el('span', { id: 'explain-score' }, App.formatMetric('award_score', c.score), ' = ',
      COMPONENTS.map((k) => `${App.metricLabel(k)} ${App.formatMetric(k, c[k], { bare: true })}`).join(' + '))]);
    rows.push([App.metricHead('eligible_position'), t('ex_position', { pos: c.eligible_position, n: c.eligible_count, dpos: c.district_position })]);
    rows.push([t('ex_result'), el('strong', { id: 'explain-result', 'data-result': c.shortlisted ? 'shortlisted' : 'not-shortlisted' },
      c.shortlisted ? t('ex_shortlisted', { rank: c.rank }) : t('ex_not_shortlisted', { reason: App.LANG === 'zh' ? x.capZh : x.capEn }))]);
  }
  document.getElementById('explain-title').textContent = t('ex_title', { name: e.name, id, year });
  const box = document.getElementById('explain');
  box.dataset.commissioner = id;
  box.replaceChildren(el('dl', {}, rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
  const panel = document.getElementById('explain-panel');
  panel.hidden = false;
  panel.scrollIntoView({ block: 'nearest' });
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
  const box = document.getElementById('near-misses');
  if (!data.nearMisses.length) {
    box.replaceChildren(el('p', { class: 'muted' }, t('none')));
    return;
  }
  App.list(box, [
    [App.metricHead('eligible_position'), (r) => App.formatMetric('eligible_position', r.eligible_position), 'eligible_position'],
    [t('col_name'), (r) => explainButton(data.year, r), 'name'],
    [t('col_id'), (r) => r.commissioner_id, 'commissioner_id'],
    [t('col_district'), (r) => App.el('span', { class: 'nowrap' }, districtLabel(r)), 'district_code'],
    [App.metricHead('award_score'), (r) => App.formatMetric('award_score', r.score, { bare: true }), 'score'],
    [t('col_reason'), (r) => el('span', {},
      el('span', { class: 'badge ' + r.not_shortlisted_reason }, t('reason_' + r.not_shortlisted_reason)), ' ',
      el('span', { class: 'reason' }, App.LANG === 'zh' ? r.reason_zh : r.reason_en)), 'not_shortlisted_reason'],
    [App.metricHead('places_behind'), (r) => App.formatMetric('places_behind', r.places_behind, { bare: true }), 'places_behind'],
    [App.metricHead('points_behind'), (r) => App.formatMetric('points_behind', r.points_behind, { bare: true }), 'points_behind'],
  ], { rows: data.nearMisses, id: 'near-miss-table', exportUrl: '/api/awards/near-misses/export', params: { year: data.year },
    rowAttrs: (r) => ({ 'data-commissioner': r.commissioner_id }) }).catch(App.showError);
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
  document.getElementById('explain-panel').hidden = true;
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
