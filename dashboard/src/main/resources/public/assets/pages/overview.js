'use strict';
App.messages({
  zh: {
    ov_trend: '季度趋势', ov_ranking: '各区县反馈及时率排名（点击查看区县）', ov_channels: '受理渠道构成',
    ov_categories: '服务需求热点（第十二条：政府购买服务方向）', ov_districts: '各区县指标',
    vs_prev: '较上季度', channel_ONSITE: '现场', channel_HOTLINE: '热线',
    delta_hidden: '进行中，不与上季度比较', delta_hidden_title: '本季度尚未结束（数据截至 {asOf}），与完整的上季度比较会误导，故不显示变化',
    ov_selected: '所选季度', empty_requests: '本季度尚无受理记录', empty_sla: '本季度尚无到期的反馈，无法计算及时率', empty_trend: '尚无任何季度的数据',
    channel_WEB: '网站', channel_WECHAT: '微信', col_district: '区县', report_ON_TIME: '按时', report_LATE: '逾期', report_MISSING: '未报', report_NOT_DUE: '未到期',
  },
  en: {
    ov_trend: 'Quarterly trend', ov_ranking: 'Districts by on-time feedback (click to drill down)', ov_channels: 'Channel mix',
    ov_categories: 'Demand hot spots by service category (Art. 12)', ov_districts: 'Districts',
    vs_prev: 'vs previous quarter', channel_ONSITE: 'On-site', channel_HOTLINE: 'Hotline',
    delta_hidden: 'in progress, not compared', delta_hidden_title: 'This quarter has not ended (data as of {asOf}); a comparison with the whole previous quarter would mislead, so no change is shown',
    ov_selected: 'selected', empty_requests: 'no request received in this quarter yet', empty_sla: 'no feedback due in this quarter yet, so no on-time rate', empty_trend: 'no quarter has data yet',
    channel_WEB: 'Web', channel_WECHAT: 'WeChat', col_district: 'District', report_ON_TIME: 'On time', report_LATE: 'Late', report_MISSING: 'Missing', report_NOT_DUE: 'Not due',
  },
});

// The cards: figures of the metric catalogue, named by the API's fields (the same ids).
const KPIS = App.metricIds('coverage_rate', 'onsite_compliance_rate', 'sla_on_time_rate', 'requests_received', 'avg_satisfaction', 'reports_on_time_rate');
// The trend's lines (rates, in percentage points on the left axis).
const TREND_RATES = App.metricIds('coverage_rate', 'onsite_compliance_rate', 'sla_on_time_rate');

/**
 * A KPI card against the previous quarter: rates in percentage points, counts in per cent, others
 * in their unit. For a quarter in progress (partial) no change is shown, and the card says why.
 */
function card(key, cur, prev, partial, asOf) {
  const { fmt, t, el } = App;
  const v = cur ? cur[key] : null;
  const p = prev ? prev[key] : null;
  const kind = key === 'requests_received' ? 'count' : key === 'avg_satisfaction' ? 'score' : 'rate';
  let delta = '–';
  let cls = 'flat';
  if (v !== null && v !== undefined && p !== null && p !== undefined) {
    const d = kind === 'count' ? (p ? (v - p) / p : null) : v - p;
    if (d !== null) {
      cls = d > 0.0005 ? 'up' : d < -0.0005 ? 'down' : 'flat';
      const sign = d > 0 ? '+' : '';
      delta = kind === 'rate' ? `${sign}${fmt.dec(100 * d, 1)} pp` : kind === 'score' ? `${sign}${fmt.dec(d, 2)}` : `${sign}${fmt.pct(d)}`;
    }
  }
  const deltaLine = partial
    ? el('div', { class: 'delta hidden-delta', 'data-delta': 'hidden', title: t('delta_hidden_title', { asOf }) }, t('delta_hidden'))
    : el('div', { class: 'delta ' + cls }, `${t('vs_prev')} ${delta}`);
  return el('div', { class: 'card', 'data-kpi': key },
    el('div', { class: 'label' }, App.metricHead(key)),
    el('div', { class: 'value' }, App.formatMetric(key, v)),
    deltaLine);
}

function districtName(meta, code) {
  return App.fmt.districtName(meta.districts.find((d) => d.district_code === code)) || code;
}

async function render(meta, quarter, district) {
  const { fmt, t, el } = App;
  const data = await App.api('/api/overview', { quarter, district });
  const partial = App.inProgress(quarter);
  App.quarterBadge('quarter', quarter);
  document.getElementById('cards').replaceChildren(...KPIS.map((k) => card(k, data.current, data.previous, partial, meta.asOf)));

  const trend = data.trend;
  const trendIds = App.metricIds('requests_received', ...TREND_RATES);
  const selected = fmt.quarter(quarter);
  const pct = App.metricUnit('coverage_rate');
  // a narrow chart (a phone) turns the labels upright so that every quarter keeps its label
  const narrow = document.getElementById('trend-chart').clientWidth < 560;
  App.chart('trend-chart', {
    tooltip: { trigger: 'axis', formatter: App.metricTooltip(trendIds) },
    legend: { bottom: 0 },
    grid: { left: 50, right: 60, top: 40, bottom: narrow ? 130 : 80 },
    // every quarter labelled (on two lines: year, quarter; upright on one when narrow), the selected one bold and shaded
    xAxis: {
      type: 'category', data: trend.map((r) => fmt.quarter(r.quarter)),
      axisLabel: {
        interval: 0, hideOverlap: false, rotate: narrow ? 90 : 0,
        formatter: (v) => {
          const [y, q] = App.LANG === 'zh' ? [v.slice(0, 5), v.slice(5)] : [v.slice(3), v.slice(0, 2)];
          const sep = narrow ? ' ' : '\n';
          return v === selected ? `{sel|${y}}${sep}{sel|${q}}` : `${y}${sep}${q}`;
        },
        rich: { sel: { fontWeight: 'bold', color: '#12355b' } },
      },
    },
    yAxis: [
      { type: 'value', min: 0, max: 100, name: pct, axisLabel: { formatter: (v) => `${v}${pct}` } },
      { type: 'value', name: App.metricWithUnit('requests_received'), splitLine: { show: false } },
    ],
    series: [
      { name: App.metricLabel('requests_received'), type: 'bar', yAxisIndex: 1, data: trend.map((r) => r.requests_received), itemStyle: { color: '#c5d6ea' },
        markArea: { silent: true, itemStyle: { color: 'rgba(18,53,91,0.08)' }, label: { show: true, position: 'top', color: '#12355b', formatter: t('ov_selected') },
          data: trend.some((r) => r.quarter === quarter) ? [[{ xAxis: selected }, { xAxis: selected }]] : [] } },
      ...TREND_RATES.map((k) => ({
        name: App.metricLabel(k), type: 'line', data: trend.map((r) => (r[k] === null ? null : +(100 * r[k]).toFixed(1))),
      })),
    ],
  }, t('empty_trend'), { metrics: trendIds });

  const ranked = [...data.districts].sort((a, b) => (a.sla_on_time_rate ?? -1) - (b.sla_on_time_rate ?? -1));
  const ranking = App.chart('ranking-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: App.metricTooltip(App.metricIds('sla_on_time_rate')) },
    grid: { left: 110, right: 60, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: (v) => `${v}${pct}` } },
    yAxis: { type: 'category', data: ranked.map((d) => (App.LANG === 'zh' ? d.name_zh : d.name_en)) },
    series: [{ type: 'bar', name: App.metricLabel('sla_on_time_rate'), data: ranked.map((d) => (d.sla_on_time_rate === null ? null : +(100 * d.sla_on_time_rate).toFixed(1))), itemStyle: { color: '#1d4f85' },
      // each bar's value at its end
      label: { show: true, position: 'right', color: '#1f2933', formatter: (p) => App.formatMetric('sla_on_time_rate', p.value, { percentPoints: true }) } }],
  }, { reason: t('empty_sla'), zerosAreData: true }, { metrics: App.metricIds('sla_on_time_rate') });
  ranking.off('click');
  ranking.on('click', (p) => drill(ranked[p.dataIndex].district_code, quarter));

  App.chart('channel-chart', {
    tooltip: { trigger: 'item', formatter: (p) => `${p.name}: ${App.formatMetric('requests_received', p.value)} (${p.percent}%)<div class="tip-note">${App.metricLabel('requests_received')}：${App.metricTitle('requests_received')}</div>` },
    legend: { bottom: 0 },
    series: [{ type: 'pie', name: App.metricLabel('requests_received'), radius: ['35%', '65%'], label: { formatter: '{b}: {d}%' },
      data: data.channels.map((c) => ({ name: t('channel_' + c.channel), value: c.requests })) }],
  }, t('empty_requests'), { metrics: App.metricIds('requests_received') });

  const cats = data.categories;
  const catNode = document.getElementById('category-chart');
  // English names wrap to two lines: room for them (Chinese ones fit on one)
  if (App.LANG === 'en') catNode.style.height = `${Math.max(320, cats.length * 30 + 70)}px`;
  App.chart('category-chart', {
    // the two stacked parts add up to the requests received of each category
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, formatter: App.metricTooltip(App.metricIds('requests_not_late', 'late_or_overdue'),
      (i) => `${App.LANG === 'zh' ? cats[i].name_zh : cats[i].name_en} · ${App.metricLabel('requests_received')} ${App.formatMetric('requests_received', cats[i].requests)}`) },
    legend: { top: 0 },
    // a category's name is shown whole: wrapped within 45% of the chart's width (a phone's too), never cut
    grid: { left: 10, right: 20, top: 30, bottom: 30, containLabel: true },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: cats.map((c) => (App.LANG === 'zh' ? c.name_zh : c.name_en)),
      axisLabel: { width: Math.max(100, Math.min(260, Math.round(0.45 * catNode.clientWidth))), overflow: 'break', lineHeight: 13 } },
    series: [
      { name: App.metricLabel('requests_not_late'), type: 'bar', stack: 'r', data: cats.map((c) => c.requests - c.late_or_overdue), itemStyle: { color: '#4f83c2' } },
      { name: App.metricLabel('late_or_overdue'), type: 'bar', stack: 'r', data: cats.map((c) => c.late_or_overdue), itemStyle: { color: '#d9534f' } },
    ],
  }, t('empty_requests'), { metrics: App.metricIds('requests_not_late', 'late_or_overdue') });

  // the districts table: a list (App.list), best on-time rate first until a header is clicked
  const figures = App.metricIds('coverage_rate', 'onsite_compliance_rate', 'sla_on_time_rate', 'requests_received', 'open_overdue', 'avg_satisfaction', 'groups_undersized');
  App.list(document.getElementById('district-table'), [
    [t('col_district'), (d) => (App.LANG === 'zh' ? d.name_zh : d.name_en), 'district_code'],
    ...figures.map((k) => [App.metricHead(k), (d) => App.formatMetric(k, d[k]), k]),
    [App.metricHead('report_status'), (d) => el('span', { class: 'badge ' + d.report_status }, t('report_' + d.report_status)), 'report_status'],
  ], { rows: data.districts, pageSize: 50, id: 'districts', sort: { key: 'sla_on_time_rate', dir: 'desc' },
    exportUrl: '/api/overview/districts/export', params: { quarter, district },
    rowAttrs: (d) => ({ class: 'clickable', 'data-district': d.district_code, onclick: () => drill(d.district_code, quarter) }) }).catch(App.showError);
}

function drill(code, quarter) {
  location.href = `/district?district=${encodeURIComponent(code)}&quarter=${encodeURIComponent(quarter)}`;
}

App.init('overview', async (meta, me) => {
  let quarter = App.pageQuarter(meta);
  let district = me.role === 'district' ? me.district
    : App.knownParam('district', meta.districts.map((d) => d.district_code), '', 'district', (c) => (c ? districtName(meta, c) : App.t('all_districts')));
  App.selector('quarter', meta.quarters, quarter, App.quarterLabel, (q) => { quarter = q; App.setParams({ quarter }); render(meta, quarter, district).catch(App.showError); });
  const codes = me.role === 'district' ? [me.district] : ['', ...meta.districts.map((d) => d.district_code)];
  App.selector('district-filter', codes, district, (c) => (c ? districtName(meta, c) : App.t('all_districts')), (d) => { district = d; App.setParams({ district }); render(meta, quarter, district).catch(App.showError); });
  await render(meta, quarter, district);
});
