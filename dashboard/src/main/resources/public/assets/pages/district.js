'use strict';
App.messages({
  zh: {
    empty_heatmap: '本区本季度没有需要驻点的周记录',
    di_heatmap: '流动服务站驻点时长（小时/周，第六条：每周不少于1个工作日即8小时）',
    di_heatmap_note: '横轴为季度内各周（周一至周日，按周四所在季度归属），纵轴为服务站。灰色格为该周无驻点要求（无工作日、尚未结束或服务小组未全周派驻），或驻点时长有待尚未到期的本季度季报。',
    di_spaces: '众创空间与流动服务站覆盖', di_groups: '服务小组与服务专员（第六条：每组不少于2人）',
    di_trend: '各季度走势', di_overdue: '逾期未反馈需求（第七条：10个工作日内反馈）', di_report: '季报报送情况（第八条：每季度末报送）',
    col_space: '众创空间', col_university: '高校', col_groups: '服务小组', col_group: '服务小组', col_members: '服务专员',
    col_spaces: '服务站', col_request: '需求编号', col_category: '服务类别', col_channel: '受理渠道',
    yes: '是', no: '否', covered: '全覆盖', not_covered: '未全覆盖',
    undersized: '不足2人', group_ok: '达标',
    no_overdue: '本季度受理的需求没有逾期未反馈的。', week_of: '{date}当周',
    cell_COMPLIANT: '达标', cell_SHORT: '未达标', cell_NO_WORKING_DAY: '无工作日，无要求', cell_NOT_ENDED: '该周尚未结束',
    cell_NOT_ASSIGNED: '无服务小组派驻，无要求', cell_PARTIAL_ASSIGNMENT: '服务小组未全周派驻，无要求',
    cell_AWAITING_REPORT: '待季报：本季度季报尚未报送，尚未到截止日', x_no_working_day: '无工作日', x_not_ended: '未结束',
    vm_none: '未达标，0 小时（未驻点）', vm_short: '未达标，有驻点', not_required: '无要求',
    required_groups: '应驻小组', channel_ONSITE: '现场', channel_HOTLINE: '热线', channel_WEB: '网站', channel_WECHAT: '微信',
    report_ON_TIME: '按时', report_LATE: '逾期', report_MISSING: '未报', report_NOT_DUE: '未到期',
    rp_latest: '现行版本', rp_history: '查看报送记录 →',
  },
  en: {
    empty_heatmap: 'no week of on-site duty in this district and quarter',
    di_heatmap: 'On-site hours at each mobile service station per week (Art. 6: at least one working day, 8 hours, a week)',
    di_heatmap_note: 'Columns are the weeks of the quarter (Monday to Sunday, in the quarter of their Thursday), rows the stations. Grey cells require nothing (no working day, the week has not ended, or no group was assigned for the whole week) or await the quarter\'s report, not yet due.',
    di_spaces: 'Maker spaces and station coverage', di_groups: 'Service groups and commissioners (Art. 6: at least 2 per group)',
    di_trend: 'Trend over quarters', di_overdue: 'Overdue requests without feedback (Art. 7: within 10 working days)', di_report: 'Quarterly report (Art. 8)',
    col_space: 'Maker space', col_university: 'University', col_groups: 'Groups', col_group: 'Group', col_members: 'Commissioners',
    col_spaces: 'Stations', col_request: 'Request', col_category: 'Category', col_channel: 'Channel',
    yes: 'yes', no: 'no', covered: 'Covered', not_covered: 'Not covered',
    undersized: 'Under 2', group_ok: '2 or more',
    no_overdue: 'No request received this quarter is overdue.', week_of: 'week of {date}',
    cell_COMPLIANT: 'compliant', cell_SHORT: 'short', cell_NO_WORKING_DAY: 'no working day, nothing required', cell_NOT_ENDED: 'week not over yet',
    cell_NOT_ASSIGNED: 'no group assigned, nothing required', cell_PARTIAL_ASSIGNMENT: 'no group assigned for the whole week, nothing required',
    cell_AWAITING_REPORT: "awaiting the quarter's report (not yet due)", x_no_working_day: 'no working day', x_not_ended: 'not over',
    vm_none: 'short, 0 h (no visit)', vm_short: 'short, with a visit', not_required: 'not required',
    required_groups: 'Groups on duty', channel_ONSITE: 'On-site', channel_HOTLINE: 'Hotline', channel_WEB: 'Web', channel_WECHAT: 'WeChat',
    report_ON_TIME: 'On time', report_LATE: 'Late', report_MISSING: 'Missing', report_NOT_DUE: 'Not due',
    rp_latest: 'Version in force', rp_history: 'Submission history →',
  },
});

/** A card: the figure's name with its hover text (App.metricHead), its value, and a line under it. */
function cardEl(key, head, value, sub) {
  const { el } = App;
  return el('div', { class: 'card', 'data-card': key }, el('div', { class: 'label' }, head), el('div', { class: 'value' }, value),
    el('div', { class: 'delta flat' }, sub || ''));
}



/** Text for the chart's HTML tooltip: the reference data's names are not trusted markup. */
function esc(s) {
  return String(s).replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);
}

function spaceLabel(space) {
  return space ? `${space.space_id} ${space.space_name}` : '';
}

function heatmap(data) {
  const { t } = App;
  const weeks = data.onsite.weeks;
  const cells = data.onsite.cells;
  const byId = Object.fromEntries(data.spaces.map((s) => [s.space_id, s]));
  const spaceIds = [...new Set(cells.map((c) => c.space_id))];
  const weekIndex = Object.fromEntries(weeks.map((w, i) => [w.week_start, i]));
  const required = [];
  const free = [];
  cells.forEach((c) => {
    // the colour is the cell's status (onsite_weeks' rule, per group): COMPLIANT, else SHORT with or without hours
    const shade = c.status === 'COMPLIANT' ? 2 : c.hours > 0 ? 1 : 0;
    const point = { value: [weekIndex[c.week_start], spaceIds.indexOf(c.space_id), shade], cell: c };
    // a week whose hours wait for a report not yet due is grey, not red (onsite_weeks.status)
    (c.required_pairs > 0 && c.status !== 'AWAITING_REPORT' ? required : free).push(point);
  });
  const node = document.getElementById('heatmap-chart');
  node.style.height = Math.max(320, 90 + 30 * spaceIds.length) + 'px';
  const chart = App.chart('heatmap-chart', {
    tooltip: {
      formatter: (p) => {
        const c = p.data.cell;
        const lines = [`${spaceLabel(byId[c.space_id]) || c.space_id}`, t('week_of', { date: c.week_start }),
          `${App.formatMetric('onsite_hours_week', c.hours)} · ${t('cell_' + c.status)}`];
        if (c.required_groups.length) lines.push(`${t('required_groups')}: ${c.required_groups.join(', ')}`);
        return lines.map(esc).join('<br>') + `<div class="tip-note">${esc(App.metricLabel('onsite_hours_week'))}：${esc(App.metricTitle('onsite_hours_week'))}</div>`;
      },
    },
    grid: { left: 190, right: 20, top: 10, bottom: 100 },
    xAxis: {
      type: 'category', splitArea: { show: true },
      data: weeks.map((w) => w.week_start.slice(5) + (!w.has_working_day ? '\n' + t('x_no_working_day') : !w.ended ? '\n' + t('x_not_ended') : '')),
      axisLabel: { interval: 0, color: (v, i) => (weeks[i] && (!weeks[i].has_working_day || !weeks[i].ended) ? '#9aa5b1' : '#1f2933') },
    },
    yAxis: {
      type: 'category', inverse: true, splitArea: { show: true },
      data: spaceIds.map((id) => spaceLabel(byId[id]) || id), axisLabel: { width: 180, overflow: 'truncate' },
    },
    visualMap: {
      type: 'piecewise', seriesIndex: 0, dimension: 2, orient: 'horizontal', left: 'center', bottom: 10,
      pieces: [
        { value: 0, label: t('vm_none'), color: '#d9534f' },
        { value: 1, label: t('vm_short'), color: '#f5b971' },
        { value: 2, label: t('cell_COMPLIANT'), color: '#3c9d5d' },
      ],
    },
    series: [
      { type: 'heatmap', name: 'required', data: required, label: { show: true, formatter: (p) => App.formatMetric('onsite_hours_week', p.data.cell.hours, { bare: true }) }, itemStyle: { borderColor: '#fff', borderWidth: 1 } },
      { type: 'heatmap', name: 'not-required', data: free, itemStyle: { color: '#e4e7eb', borderColor: '#fff', borderWidth: 1 },
        label: { show: true, color: '#7b8794', formatter: (p) => (p.data.cell.hours > 0 ? App.formatMetric('onsite_hours_week', p.data.cell.hours, { bare: true }) : '—') } },
    ],
  }, { reason: t('empty_heatmap'), zerosAreData: true }, { table: heatmapTable(weeks, cells, spaceIds, byId) });
  chart.resize();
}

/** The heat map's data for its table and CSV: a row per station, a column per week, each cell its hours and status. */
function heatmapTable(weeks, cells, spaceIds, byId) {
  const { t } = App;
  const at = Object.fromEntries(cells.map((c) => [c.space_id + ' ' + c.week_start, c]));
  return {
    head: [`${t('col_space')} / ${App.metricWithUnit('onsite_hours_week')}`, ...weeks.map((w) => w.week_start)],
    rows: spaceIds.map((id) => [spaceLabel(byId[id]) || id, ...weeks.map((w) => {
      const c = at[id + ' ' + w.week_start];
      return c ? `${App.formatMetric('onsite_hours_week', c.hours, { bare: true })} · ${t('cell_' + c.status)}` : '–';
    })]),
  };
}

function spaceTable(data) {
  const { t, el } = App;
  App.list(document.getElementById('space-table'), [
    [t('col_space'), (s) => el('span', {}, s.space_id, el('span', { class: 'muted' }, s.space_name)), 'space_id'],
    [t('col_university'), (s) => t(s.university_hosted ? 'yes' : 'no'), 'university_hosted'],
    // covered: the mart's (space_quarters.covered); not covered: its days covered of the days open
    [App.metricHead('space_covered'), (s) => (s.space_covered ? el('span', { class: 'badge ON_TIME' }, t('covered'))
      : el('span', {}, el('span', { class: 'badge warn' }, t('not_covered')), ' ',
        App.metricValue('space_covered_days', s.space_covered_days, { bare: true }), ' / ', App.metricValue('space_open_days', s.space_open_days))), 'space_covered'],
    [t('col_groups'), (s) => s.groups.join(', ') || '–'],
    [el('span', {}, App.metricHead('onsite_compliant_weeks'), ' / ', App.metricHead('onsite_required_weeks')),
      (s) => (s.onsite_required_weeks === null ? '–' : `${s.onsite_compliant_weeks} / ${s.onsite_required_weeks}`), 'onsite_compliant_weeks'],
    [App.metricHead('onsite_hours'), (s) => App.formatMetric('onsite_hours', s.onsite_hours, { bare: true }), 'onsite_hours'],
  ], { rows: data.spaces, pageSize: 50, exportUrl: '/api/district/spaces/export', params: { district: data.district, quarter: data.quarter },
    rowAttrs: (s) => ({ 'data-space': s.space_id, 'data-covered': String(s.space_covered) }) }).catch(App.showError);
}

function groupTable(data) {
  const { t, el } = App;
  App.list(document.getElementById('group-table'), [
    [t('col_group'), (g) => g.group_id, 'group_id'],
    [t('col_members'), (g) => App.listJoin(g.member_names.map((n, i) => App.paren(n, g.member_ids[i])))],
    [App.metricHead('group_members_at_end'), (g) => App.formatMetric('group_members_at_end', g.group_members_at_end), 'group_members_at_end'],
    [App.metricHead('group_min_members'), (g) => App.formatMetric('group_min_members', g.group_min_members), 'group_min_members'],
    [App.metricHead('group_undersized'), (g) => (g.group_undersized ? el('span', { class: 'badge warn' }, t('undersized'))
      : el('span', { class: 'badge ON_TIME' }, t('group_ok'))), 'group_undersized'],
    [App.metricHead('group_first_undersized_day'), (g) => App.formatMetric('group_first_undersized_day', g.group_first_undersized_day), 'group_first_undersized_day'],
    [App.metricHead('group_undersized_days'), (g) => (g.group_undersized ? App.formatMetric('group_undersized_days', g.group_undersized_days, { bare: true }) : '–'),
      'group_undersized_days'],
    [t('col_spaces'), (g) => g.spaces.join(', ') || '–'],
  ], { rows: data.groups, pageSize: 50, exportUrl: '/api/district/groups/export', params: { district: data.district, quarter: data.quarter },
    rowAttrs: (g) => ({ 'data-group': g.group_id, 'data-undersized': String(g.group_undersized), class: g.group_undersized ? 'undersized' : null }) })
    .catch(App.showError);
}

function overdueTable(data) {
  const { t, el } = App;
  const box = document.getElementById('overdue-table');
  if (!data.overdue.length) {
    box.replaceChildren(el('p', { class: 'muted' }, t('no_overdue')));
    return;
  }
  App.list(box, [
    [t('col_request'), (r) => App.requestLink(r.request_id), 'request_id'],
    [t('col_category'), (r) => (App.LANG === 'zh' ? r.category_zh : r.category_en) || r.category, 'category'],
    [t('col_channel'), (r) => t('channel_' + r.channel), 'channel'],
    [t('col_space'), (r) => r.space_id, 'space_id'],
    [App.metricHead('received_date'), (r) => App.formatMetric('received_date', r.received_date), 'received_date'],
    [App.metricHead('deadline_date'), (r) => App.formatMetric('deadline_date', r.deadline_date), 'deadline_date'],
    [App.metricHead('working_days_overdue'), (r) => el('strong', {}, App.formatMetric('working_days_overdue', r.working_days_overdue, { bare: true })), 'working_days_overdue'],
  ], { rows: data.overdue, exportUrl: '/api/district/overdue/export', params: { district: data.district, quarter: data.quarter },
    id: 'overdue', rowAttrs: (r) => ({ 'data-request': r.request_id }) }).catch(App.showError);
}

function reportStatus(data) {
  const { t, el } = App;
  const r = data.report;
  const box = document.getElementById('report-status');
  if (!r) {
    box.replaceChildren(el('p', { class: 'muted' }, t('none')));
    return;
  }
  box.dataset.status = r.report_status;
  box.replaceChildren(
    el('dl', {},
      el('dt', {}, App.metricHead('report_status')), el('dd', {}, el('span', { class: 'badge ' + r.report_status }, t('report_' + r.report_status))),
      el('dt', {}, App.metricHead('report_due_date')), el('dd', {}, App.formatMetric('report_due_date', r.due_date)),
      el('dt', {}, App.metricHead('report_first_submitted_on')), el('dd', {}, App.formatMetric('report_first_submitted_on', r.report_first_submitted_on)),
      el('dt', {}, App.metricHead('report_submissions')), el('dd', {}, App.formatMetric('report_submissions', r.submissions)),
      el('dt', {}, t('rp_latest')), el('dd', {}, r.last_submitted_on
        ? [App.metricFigure('report_submitted_on', r.last_submitted_on), ' · ', App.metricFigure('report_rows_accepted', r.latest_rows_accepted),
          ' · ', App.metricFigure('report_rows_rejected', r.latest_rows_rejected)] : '–')),
    el('a', { href: `/reports?district=${encodeURIComponent(r.district_code)}&quarter=${encodeURIComponent(r.quarter)}`, id: 'report-history-link' }, t('rp_history')));
}

function cards(data) {
  const { t, el } = App;
  const s = data.summary;
  const bare = { bare: true };
  document.getElementById('cards').replaceChildren(
    cardEl('coverage', App.metricHead('coverage_rate'), App.formatMetric('coverage_rate', s.coverage_rate),
      el('span', {}, App.metricValue('spaces_covered', s.spaces_covered), ' / ', App.metricValue('spaces_operating', s.spaces_operating))),
    cardEl('onsite', App.metricHead('onsite_compliant_weeks'),
      el('span', {}, App.metricValue('onsite_compliant_weeks', data.onsite.compliant_weeks, bare), ' / ', App.metricValue('onsite_required_weeks', data.onsite.required_weeks, bare)),
      App.metricValue('onsite_compliance_rate', s.onsite_compliance_rate)),
    cardEl('undersized', App.metricHead('groups_undersized'), App.formatMetric('groups_undersized', s.groups_undersized), el('span', {}, '/ ', App.metricValue('groups_active', s.groups_active))),
    cardEl('overdue', App.metricHead('open_overdue'), App.formatMetric('open_overdue', s.open_overdue), el('span', {}, '/ ', App.metricValue('requests_received', s.requests_received))),
    cardEl('sla', App.metricHead('sla_on_time_rate'), App.formatMetric('sla_on_time_rate', s.sla_on_time_rate)),
    cardEl('report', App.metricHead('report_status'), el('span', { class: 'badge ' + s.report_status }, t('report_' + s.report_status))));
}

/** The district's trend over quarters: kpi_district_quarter's rates, a line each, the chosen quarter marked. */
const TREND_METRICS = App.metricIds('coverage_rate', 'onsite_compliance_rate', 'sla_on_time_rate');

function trendChart(data) {
  const rows = data.trend;
  const pct = (v) => (v === null || v === undefined ? null : 100 * v);
  const chosen = rows.findIndex((r) => r.quarter === data.quarter);
  App.chart('trend-chart', {
    tooltip: { trigger: 'axis', formatter: App.metricTooltip(TREND_METRICS, (i) => App.quarterLabel(rows[i].quarter)) },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: rows.map((r) => App.fmt.quarter(r.quarter)), axisLabel: { interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: TREND_METRICS.map((id, k) => ({
      name: App.metricLabel(id), type: 'line', connectNulls: false,
      data: rows.map((r) => pct(r[id])),
      markLine: k === 0 && chosen >= 0 ? { symbol: 'none', silent: true, lineStyle: { color: '#9aa5b1', type: 'dashed' }, label: { show: false },
        data: [{ xAxis: chosen }] } : undefined,
    })),
  }, { zerosAreData: true });
  document.getElementById('trend-chart').dataset.quarters = rows.map((r) => r.quarter).join(',');
}

async function render(district, quarter) {
  const data = await App.api('/api/district', { district, quarter });
  // the heat map's cells come as one table (columns once): back to one object per cell
  const cells = data.onsite.cells;
  data.onsite.cells = cells.rows.map((r) => Object.fromEntries(cells.columns.map((c, i) => [c, r[i]])));
  document.getElementById('district-title').textContent = `${App.fmt.districtName(data.summary)} · ${App.fmt.quarter(data.quarter)}`;
  App.quarterBadge('quarter', quarter);
  cards(data);
  heatmap(data);
  spaceTable(data);
  groupTable(data);
  overdueTable(data);
  reportStatus(data);
  trendChart(data);
}

App.init('district', async (meta, me) => {
  const codes = me.role === 'district' ? [me.district] : meta.districts.map((d) => d.district_code);
  const name = (c) => App.fmt.districtName(meta.districts.find((d) => d.district_code === c)) || c;
  let district = me.role === 'district' ? me.district : App.knownParam('district', codes, codes[0], 'district', name);
  let quarter = App.pageQuarter(meta);
  App.setParams({ district, quarter });
  App.selector('district-select', codes, district, name, (d) => { district = d; App.setParams({ district }); render(district, quarter).catch(App.showError); });
  document.getElementById('district-select').disabled = me.role === 'district';
  App.selector('quarter', meta.quarters, quarter, App.quarterLabel, (q) => { quarter = q; App.setParams({ quarter }); render(district, quarter).catch(App.showError); });
  await render(district, quarter);
});
