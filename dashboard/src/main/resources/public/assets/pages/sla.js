'use strict';
App.messages({
  zh: {
    sla_rule: '《实施办法》第七条：服务专员受理需求后，应在10个工作日内向创业者反馈协调结果。按受理日期所在季度统计；未反馈且已过时限的需求计为逾期未反馈。',
    sla_histogram: '反馈用时分布（工作日，红线为10个工作日时限）', sla_channels: '各受理渠道反馈情况',
    sla_categories: '各服务类别反馈情况', sla_overdue: '逾期未反馈需求清单',
    card_requests: '受理需求数', card_answered: '已反馈', card_rate: '10个工作日反馈及时率', card_late: '超时反馈',
    card_overdue: '逾期未反馈', card_median: '反馈用时中位数（工作日）',
    ON_TIME: '按时反馈', LATE: '超时反馈', OPEN_OVERDUE: '逾期未反馈', OPEN_WITHIN_SLA: '未反馈（时限内）',
    channel_ONSITE: '现场', channel_HOTLINE: '热线', channel_WEB: '网站', channel_WECHAT: '微信',
    working_days: '工作日', requests: '需求数', limit_line: '时限：10个工作日', days_21: '21及以上',
    col_request: '需求编号', col_district: '区县', col_space: '众创空间', col_category: '服务类别', col_channel: '渠道',
    col_received: '受理日期', col_deadline: '反馈时限', col_wd_overdue: '逾期工作日', col_cd_overdue: '逾期自然日',
    overdue_note: '截至 {asOf}，本季度受理、尚未反馈且已超过时限的需求共 {total} 条，按逾期工作日从多到少排列，每页 {limit} 条。逾期工作日 = 时限日之后至 {asOf}（含）的工作日数（按官方工作日历，含调休）。',
    range: '第 {from}–{to} 条，共 {total} 条', prev: '上一页', next: '下一页', avg_days: '平均用时', p90_days: '90%分位用时',
  },
  en: {
    sla_rule: 'Art. 7 of the notice: the service commissioner feeds the coordination result back to the entrepreneur within 10 working days. Requests are counted in the quarter they were received; unanswered past the deadline is overdue.',
    sla_histogram: 'Working days to feedback (red line: the 10-working-day limit)', sla_channels: 'Feedback by channel',
    sla_categories: 'Feedback by service category', sla_overdue: 'Overdue requests without feedback',
    card_requests: 'Requests received', card_answered: 'Answered', card_rate: 'Feedback within 10 working days', card_late: 'Answered late',
    card_overdue: 'Overdue, no feedback', card_median: 'Median working days to feedback',
    ON_TIME: 'On time', LATE: 'Late', OPEN_OVERDUE: 'Open, overdue', OPEN_WITHIN_SLA: 'Open, within limit',
    channel_ONSITE: 'On-site', channel_HOTLINE: 'Hotline', channel_WEB: 'Web', channel_WECHAT: 'WeChat',
    working_days: 'Working days', requests: 'Requests', limit_line: 'Limit: 10 working days', days_21: '21 or more',
    col_request: 'Request', col_district: 'District', col_space: 'Maker space', col_category: 'Category', col_channel: 'Channel',
    col_received: 'Received', col_deadline: 'Deadline', col_wd_overdue: 'Working days overdue', col_cd_overdue: 'Calendar days overdue',
    overdue_note: 'As of {asOf}, {total} requests received this quarter have no feedback and are past their deadline; most overdue first, {limit} a page. Working days overdue = working days after the deadline through {asOf} (official calendar, with make-up days).',
    range: '{from}–{to} of {total}', prev: 'Previous', next: 'Next', avg_days: 'Mean', p90_days: '90th percentile',
  },
});

const STATUSES = [['ON_TIME', '#4f83c2'], ['LATE', '#f0a030'], ['OPEN_OVERDUE', '#d9534f'], ['OPEN_WITHIN_SLA', '#b8c4d0']];
const PAGE = 50;

function bucketLabel(b) {
  if (b.max_days === null) return App.t('days_21');
  return b.min_days === b.max_days ? String(b.min_days) : `${b.min_days}–${b.max_days}`;
}

function cards(data) {
  const { fmt, t, el } = App;
  const x = data.totals;
  const items = [
    ['requests', 'card_requests', fmt.num(x.requests)],
    ['answered', 'card_answered', fmt.num(x.answered)],
    ['on_time_rate', 'card_rate', fmt.pct(x.on_time_rate)],
    ['late', 'card_late', fmt.num(x.late)],
    ['open_overdue', 'card_overdue', fmt.num(x.open_overdue)],
    ['median_days', 'card_median', fmt.dec(x.median_days, 1)],
  ];
  document.getElementById('cards').replaceChildren(...items.map(([k, l, v]) =>
    el('div', { class: 'card', 'data-kpi': k }, el('div', { class: 'label' }, t(l)), el('div', { class: 'value' }, v))));
}

function statusSeries(rows, horizontal) {
  return STATUSES.map(([s, color]) => ({
    name: App.t(s), type: 'bar', stack: 's', itemStyle: { color },
    data: rows.map((r) => r[s.toLowerCase()]),
    emphasis: { focus: 'series' },
    barMaxWidth: horizontal ? 22 : 60,
  }));
}

function tooltipWithDays(rows, name) {
  const { t, fmt } = App;
  return (params) => {
    const r = rows[params[0].dataIndex];
    const lines = params.map((p) => `${p.marker}${p.seriesName}: ${fmt.num(p.value)}`);
    return [`<b>${name(r)}</b>`, ...lines,
      `${t('card_rate')}: ${fmt.pct(r.on_time_rate)}`,
      `${t('card_median')}: ${fmt.dec(r.median_days, 1)} · ${t('p90_days')}: ${fmt.dec(r.p90_days, 1)}`].join('<br>');
  };
}

async function render(meta, quarter, district) {
  const { t } = App;
  const data = await App.api('/api/sla', { quarter, district });
  cards(data);

  const h = data.histogram;
  App.chart('histogram-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 40 },
    xAxis: { type: 'category', name: t('working_days'), nameLocation: 'middle', nameGap: 26, data: h.map(bucketLabel), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', name: t('requests') },
    series: [
      { name: t('ON_TIME'), type: 'bar', stack: 'h', data: h.map((b) => b.on_time), itemStyle: { color: '#4f83c2' },
        markLine: { symbol: 'none', lineStyle: { color: '#d9534f', width: 2 }, label: { formatter: t('limit_line'), color: '#b42318' },
          data: [{ xAxis: String(data.limitWorkingDays) }] } },
      { name: t('LATE'), type: 'bar', stack: 'h', data: h.map((b) => b.late), itemStyle: { color: '#f0a030' } },
    ],
  });

  const cats = data.categories;
  const catName = (c) => (App.LANG === 'zh' ? c.name_zh : c.name_en);
  App.chart('category-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipWithDays(cats, catName) },
    legend: { top: 0 },
    grid: { left: 200, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: cats.map(catName), axisLabel: { width: 190, overflow: 'truncate' } },
    series: statusSeries(cats, true),
  });

  const chans = data.channels;
  const chanName = (c) => t('channel_' + c.channel);
  App.chart('channel-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: tooltipWithDays(chans, chanName) },
    legend: { top: 0 },
    grid: { left: 50, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: chans.map(chanName) },
    yAxis: { type: 'value', name: t('requests') },
    series: statusSeries(chans, false),
  });

  await renderOverdue(meta, quarter, district, 0);
}

async function renderOverdue(meta, quarter, district, offset) {
  const { t, fmt, el } = App;
  const page = await App.api('/api/sla/overdue', { quarter, district, offset, limit: PAGE });
  const name = (zh, en) => (App.LANG === 'zh' ? zh : en);
  const num = (v, cls) => el('span', { class: cls || '' }, fmt.num(v));
  const tbl = App.table([
    [t('col_request'), (r) => r.request_id],
    [t('col_district'), (r) => name(r.district_name_zh, r.district_name_en) || r.district_code],
    [t('col_space'), (r) => el('span', { title: r.space_id }, r.space_name || r.space_id)],
    [t('col_category'), (r) => name(r.category_name_zh, r.category_name_en) || r.category],
    [t('col_channel'), (r) => t('channel_' + r.channel)],
    [t('col_received'), (r) => r.received_date],
    [t('col_deadline'), (r) => r.deadline_date],
    [t('col_wd_overdue'), (r) => num(r.working_days_overdue, 'overdue-days')],
    [t('col_cd_overdue'), (r) => num(r.calendar_days_overdue)],
  ], page.rows, { id: 'overdue' });
  tbl.querySelectorAll('tr').forEach((tr) => [...tr.children].slice(7).forEach((c) => c.classList.add('num')));
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.request = page.rows[i].request_id; });
  document.getElementById('overdue-table').replaceChildren(page.rows.length ? tbl : el('p', { class: 'muted' }, t('none')));
  document.getElementById('overdue-note').textContent = t('overdue_note', { asOf: page.asOf, total: fmt.num(page.total), limit: page.limit });
  const to = offset + page.rows.length;
  document.getElementById('overdue-range').textContent = page.total ? t('range', { from: fmt.num(offset + 1), to: fmt.num(to), total: fmt.num(page.total) }) : '';
  const prev = document.getElementById('overdue-prev');
  const next = document.getElementById('overdue-next');
  prev.disabled = offset === 0;
  next.disabled = to >= page.total;
  prev.onclick = () => renderOverdue(meta, quarter, district, Math.max(0, offset - PAGE)).catch(App.showError);
  next.onclick = () => renderOverdue(meta, quarter, district, offset + PAGE).catch(App.showError);
}

function districtName(meta, code) {
  return App.fmt.districtName(meta.districts.find((d) => d.district_code === code)) || code;
}

App.init('sla', async (meta, me) => {
  let quarter = App.param('quarter') || meta.quarters[0];
  let district = me.role === 'district' ? me.district : App.param('district') || '';
  const rerender = () => render(meta, quarter, district).catch(App.showError);
  App.selector('quarter', meta.quarters, quarter, App.fmt.quarter, (q) => { quarter = q; App.setParams({ quarter }); rerender(); });
  const codes = me.role === 'district' ? [me.district] : ['', ...meta.districts.map((d) => d.district_code)];
  App.selector('district-filter', codes, district, (c) => (c ? districtName(meta, c) : App.t('all_districts')), (d) => { district = d; App.setParams({ district }); rerender(); });
  await render(meta, quarter, district);
});
