'use strict';
App.messages({
  zh: {
    sla_rule: '《实施办法》第七条：服务专员受理需求后，应在10个工作日内向创业者反馈协调结果。按受理日期所在季度统计；未反馈且已过时限的需求计为逾期未反馈。',
    sla_histogram: '反馈用时分布（工作日，红线为10个工作日时限）', sla_channels: '各受理渠道反馈情况',
    sla_categories: '各服务类别反馈情况', sla_overdue: '逾期未反馈需求清单',
    channel_ONSITE: '现场', channel_HOTLINE: '热线', channel_WEB: '网站', channel_WECHAT: '微信',
    limit_line: '时限：{days}', days_21: '≥21',
    col_request: '需求编号', col_district: '区县', col_space: '众创空间', col_category: '服务类别', col_channel: '渠道',
    overdue_note: '截至 {asOf}；按{order}从多到少排列，每页 {limit} 条。',
    empty_answered: '本季度受理的需求尚无反馈记录', empty_requests: '本季度尚无受理记录',
  },
  en: {
    sla_rule: 'Art. 7 of the notice: the service commissioner feeds the coordination result back to the entrepreneur within 10 working days. Requests are counted in the quarter they were received; unanswered past the deadline is overdue.',
    sla_histogram: 'Working days to feedback (red line: the 10-working-day limit)', sla_channels: 'Feedback by channel',
    sla_categories: 'Feedback by service category', sla_overdue: 'Overdue requests without feedback',
    channel_ONSITE: 'On-site', channel_HOTLINE: 'Hotline', channel_WEB: 'Web', channel_WECHAT: 'WeChat',
    limit_line: 'Limit: {days}', days_21: '≥21',
    col_request: 'Request', col_district: 'District', col_space: 'Maker space', col_category: 'Category', col_channel: 'Channel',
    overdue_note: 'as of {asOf}; by {order}, most first, {limit} a page.',
    empty_answered: 'no feedback given yet on the requests received in this quarter', empty_requests: 'no request received in this quarter yet',
  },
});

// requests.sla_status as figures of the catalogue: the metric, the API's field, the colour
const STATUS_METRICS = App.metricIds('feedback_on_time', 'feedback_late', 'open_overdue', 'open_within_sla');
const STATUS_FIELDS = ['on_time', 'late', 'open_overdue', 'open_within_sla'];
const STATUS_COLORS = ['#4f83c2', '#f0a030', '#d9534f', '#b8c4d0'];
// the cards: the metrics, and the API's fields (also the cards' data-kpi)
const CARD_METRICS = App.metricIds('requests_received', 'requests_answered', 'sla_on_time_rate', 'feedback_late', 'open_overdue', 'median_feedback_working_days');
const CARD_FIELDS = ['requests', 'answered', 'on_time_rate', 'late', 'open_overdue', 'median_days'];
const PAGE = 50;

function bucketLabel(b) {
  if (b.max_days === null) return App.t('days_21');
  return b.min_days === b.max_days ? String(b.min_days) : `${b.min_days}–${b.max_days}`;
}

function cards(data) {
  const { el } = App;
  const x = data.totals;
  document.getElementById('cards').replaceChildren(...CARD_METRICS.map((id, i) =>
    el('div', { class: 'card', 'data-kpi': CARD_FIELDS[i] }, el('div', { class: 'label' }, App.metricHead(id)), el('div', { class: 'value' }, App.formatMetric(id, x[CARD_FIELDS[i]])))));
}

function statusSeries(rows, horizontal) {
  return STATUS_METRICS.map((id, i) => ({
    name: App.metricLabel(id), type: 'bar', stack: 's', itemStyle: { color: STATUS_COLORS[i] },
    data: rows.map((r) => r[STATUS_FIELDS[i]]),
    emphasis: { focus: 'series' },
    barMaxWidth: horizontal ? 22 : 60,
  }));
}

/** The status counts of a category or channel, then its on-time rate and working days to feedback. */
const DAYS_METRICS = App.metricIds('sla_on_time_rate', 'avg_feedback_working_days', 'median_feedback_working_days', 'p90_feedback_working_days');
const DAYS_FIELDS = ['on_time_rate', 'avg_days', 'median_days', 'p90_days'];

function tooltipWithDays(rows, name) {
  return App.metricTooltip(STATUS_METRICS, (i) => name(rows[i]), (i) => DAYS_METRICS.map((id, k) => [id, rows[i][DAYS_FIELDS[k]]]));
}

async function render(meta, quarter, district) {
  const { t } = App;
  const data = await App.api('/api/sla', { quarter, district });
  App.quarterBadge('quarter', quarter);
  cards(data);

  const h = data.histogram;
  // a narrow chart (a phone) turns the bucket labels upright so that none overlaps
  const narrow = document.getElementById('histogram-chart').clientWidth < 560;
  App.chart('histogram-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: App.metricTooltip(App.metricIds('feedback_on_time', 'feedback_late'),
      (i) => `${App.metricLabel('feedback_working_days')}: ${bucketLabel(h[i])}`) },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: narrow ? 60 : 40 },
    // every bucket labelled; the labels are short (≥21) and small so that they never overlap
    xAxis: { type: 'category', name: App.metricWithUnit('feedback_working_days'), nameLocation: 'middle', nameGap: narrow ? 44 : 26, data: h.map(bucketLabel),
      axisLabel: { interval: 0, hideOverlap: false, fontSize: 11, rotate: narrow ? 90 : 0 } },
    yAxis: { type: 'value', name: App.metricWithUnit('requests_answered') },
    series: [
      { name: App.metricLabel('feedback_on_time'), type: 'bar', stack: 'h', data: h.map((b) => b.on_time), itemStyle: { color: '#4f83c2' },
        markLine: { symbol: 'none', lineStyle: { color: '#d9534f', width: 2 }, label: { formatter: t('limit_line', { days: App.formatMetric('feedback_working_days', data.limitWorkingDays) }), color: '#b42318' },
          data: [{ xAxis: String(data.limitWorkingDays) }] } },
      { name: App.metricLabel('feedback_late'), type: 'bar', stack: 'h', data: h.map((b) => b.late), itemStyle: { color: '#f0a030' } },
    ],
  }, t('empty_answered'), { metrics: App.metricIds('feedback_on_time', 'feedback_late') });

  const cats = data.categories;
  const catName = (c) => (App.LANG === 'zh' ? c.name_zh : c.name_en);
  App.chart('category-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipWithDays(cats, catName) },
    legend: { top: 0 },
    grid: { left: 200, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: cats.map(catName), axisLabel: { width: 190, overflow: 'truncate' } },
    series: statusSeries(cats, true),
  }, t('empty_requests'), { metrics: STATUS_METRICS });

  const chans = data.channels;
  const chanName = (c) => t('channel_' + c.channel);
  App.chart('channel-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipWithDays(chans, chanName) },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: chans.map(chanName) },
    yAxis: { type: 'value', name: App.metricWithUnit('requests_received') },
    series: statusSeries(chans, false),
  }, t('empty_requests'), { metrics: STATUS_METRICS });

  await renderOverdue(meta, quarter, district);
}

async function renderOverdue(meta, quarter, district) {
  const { t, el } = App;
  const name = (zh, en) => (App.LANG === 'zh' ? zh : en);
  const num = (id, v, cls) => el('span', { class: cls || '' }, App.formatMetric(id, v, { bare: true }));
  const columns = [
    [t('col_request'), (r) => App.requestLink(r.request_id), 'request_id'],
    [t('col_district'), (r) => name(r.district_name_zh, r.district_name_en) || r.district_code, 'district_code'],
    [t('col_space'), (r) => el('span', { title: r.space_id }, r.space_name || r.space_id), 'space_id'],
    [t('col_category'), (r) => name(r.category_name_zh, r.category_name_en) || r.category, 'category'],
    [t('col_channel'), (r) => t('channel_' + r.channel), 'channel'],
    [App.metricHead('received_date'), (r) => App.formatMetric('received_date', r.received_date), 'received_date'],
    [App.metricHead('deadline_date'), (r) => App.formatMetric('deadline_date', r.deadline_date), 'deadline_date'],
    [App.metricHead('working_days_overdue'), (r) => num('working_days_overdue', r.working_days_overdue, 'overdue-days'), 'working_days_overdue'],
    [App.metricHead('calendar_days_overdue'), (r) => num('calendar_days_overdue', r.calendar_days_overdue), 'calendar_days_overdue'],
  ];
  await App.list(document.getElementById('overdue-table'), columns, {
    url: '/api/sla/overdue', params: { quarter, district }, pageSize: PAGE, id: 'overdue',
    rowAttrs: (r) => ({ 'data-request': r.request_id }),
    onPage: (page) => {
      document.querySelectorAll('#overdue tr').forEach((tr) => [...tr.children].slice(7).forEach((c) => c.classList.add('num')));
      // the list's total is the quarter's open_overdue (the cards' figure) in the district filter's scope
      document.getElementById('overdue-note').replaceChildren(App.metricFigure('open_overdue', page.total), ' · ',
        t('overdue_note', { asOf: page.asOf, order: App.metricLabel('working_days_overdue'), limit: page.limit }));
    },
  });
}

function districtName(meta, code) {
  return App.fmt.districtName(meta.districts.find((d) => d.district_code === code)) || code;
}

App.init('sla', async (meta, me) => {
  let quarter = App.pageQuarter(meta);
  let district = me.role === 'district' ? me.district
    : App.knownParam('district', meta.districts.map((d) => d.district_code), '', 'district', (c) => (c ? districtName(meta, c) : App.t('all_districts')));
  const rerender = () => render(meta, quarter, district).catch(App.showError);
  App.selector('quarter', meta.quarters, quarter, App.quarterLabel, (q) => { quarter = q; App.setParams({ quarter }); rerender(); });
  const codes = me.role === 'district' ? [me.district] : ['', ...meta.districts.map((d) => d.district_code)];
  App.selector('district-filter', codes, district, (c) => (c ? districtName(meta, c) : App.t('all_districts')), (d) => { district = d; App.setParams({ district }); rerender(); });
  await render(meta, quarter, district);
});
