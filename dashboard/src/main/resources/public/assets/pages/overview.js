'use strict';
App.messages({
  zh: {
    ov_trend: '季度趋势', ov_ranking: '各区县反馈及时率排名（点击查看区县）', ov_channels: '受理渠道构成',
    ov_categories: '服务需求热点（第十二条：政府购买服务方向）', ov_districts: '各区县指标',
    kpi_coverage: '服务站覆盖率', kpi_onsite: '驻点达标率', kpi_sla: '10个工作日反馈及时率',
    kpi_requests: '受理需求数', kpi_satisfaction: '满意度（1–5）', kpi_reports: '季报按时报送率',
    vs_prev: '较上季度', requests: '需求数', late_or_overdue: '超时/逾期', channel_ONSITE: '现场', channel_HOTLINE: '热线',
    channel_WEB: '网站', channel_WECHAT: '微信', col_district: '区县', col_overdue: '逾期未反馈', col_undersized: '不足2人小组',
    col_report: '季报', report_ON_TIME: '按时', report_LATE: '逾期', report_MISSING: '未报', report_NOT_DUE: '未到期',
  },
  en: {
    ov_trend: 'Quarterly trend', ov_ranking: 'Districts by on-time feedback (click to drill down)', ov_channels: 'Channel mix',
    ov_categories: 'Demand hot spots by service category (Art. 12)', ov_districts: 'Districts',
    kpi_coverage: 'Station coverage', kpi_onsite: 'On-site compliance', kpi_sla: 'Feedback within 10 working days',
    kpi_requests: 'Requests received', kpi_satisfaction: 'Satisfaction (1–5)', kpi_reports: 'Reports on time',
    vs_prev: 'vs previous quarter', requests: 'Requests', late_or_overdue: 'Late or overdue', channel_ONSITE: 'On-site', channel_HOTLINE: 'Hotline',
    channel_WEB: 'Web', channel_WECHAT: 'WeChat', col_district: 'District', col_overdue: 'Overdue', col_undersized: 'Groups < 2',
    col_report: 'Report', report_ON_TIME: 'On time', report_LATE: 'Late', report_MISSING: 'Missing', report_NOT_DUE: 'Not due',
  },
});

const KPIS = [
  ['coverage_rate', 'kpi_coverage', 'rate'],
  ['onsite_compliance_rate', 'kpi_onsite', 'rate'],
  ['sla_on_time_rate', 'kpi_sla', 'rate'],
  ['requests_received', 'kpi_requests', 'count'],
  ['avg_satisfaction', 'kpi_satisfaction', 'score'],
  ['reports_on_time_rate', 'kpi_reports', 'rate'],
];

function card(key, label, kind, cur, prev) {
  const { fmt, t, el } = App;
  const v = cur ? cur[key] : null;
  const p = prev ? prev[key] : null;
  const show = kind === 'rate' ? fmt.pct(v) : kind === 'score' ? fmt.dec(v, 2) : fmt.num(v);
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
  return el('div', { class: 'card', 'data-kpi': key },
    el('div', { class: 'label' }, t(label)),
    el('div', { class: 'value' }, show),
    el('div', { class: 'delta ' + cls }, `${t('vs_prev')} ${delta}`));
}

function districtName(meta, code) {
  return App.fmt.districtName(meta.districts.find((d) => d.district_code === code)) || code;
}

async function render(meta, quarter, district) {
  const { fmt, t, el } = App;
  const data = await App.api('/api/overview', { quarter, district });
  document.getElementById('cards').replaceChildren(...KPIS.map(([k, l, kind]) => card(k, l, kind, data.current, data.previous)));

  const trend = data.trend;
  App.chart('trend-chart', {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 50, right: 60, top: 30, bottom: 60 },
    xAxis: { type: 'category', data: trend.map((r) => fmt.quarter(r.quarter)) },
    yAxis: [
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      { type: 'value', name: t('requests'), splitLine: { show: false } },
    ],
    series: [
      { name: t('requests'), type: 'bar', yAxisIndex: 1, data: trend.map((r) => r.requests_received), itemStyle: { color: '#c5d6ea' } },
      ...[['coverage_rate', 'kpi_coverage'], ['onsite_compliance_rate', 'kpi_onsite'], ['sla_on_time_rate', 'kpi_sla']].map(([k, l]) => ({
        name: t(l), type: 'line', data: trend.map((r) => (r[k] === null ? null : +(100 * r[k]).toFixed(1))),
      })),
    ],
  });

  const ranked = [...data.districts].sort((a, b) => (a.sla_on_time_rate ?? -1) - (b.sla_on_time_rate ?? -1));
  const ranking = App.chart('ranking-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 110, right: 30, top: 10, bottom: 30 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: ranked.map((d) => (App.LANG === 'zh' ? d.name_zh : d.name_en)) },
    series: [{ type: 'bar', name: t('kpi_sla'), data: ranked.map((d) => (d.sla_on_time_rate === null ? null : +(100 * d.sla_on_time_rate).toFixed(1))), itemStyle: { color: '#1d4f85' } }],
  });
  ranking.off('click');
  ranking.on('click', (p) => drill(ranked[p.dataIndex].district_code, quarter));

  App.chart('channel-chart', {
    tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', radius: ['35%', '65%'], data: data.channels.map((c) => ({ name: t('channel_' + c.channel), value: c.requests })) }],
  });

  const cats = data.categories;
  App.chart('category-chart', {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 170, right: 20, top: 30, bottom: 30 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: cats.map((c) => (App.LANG === 'zh' ? c.name_zh : c.name_en)), axisLabel: { width: 160, overflow: 'truncate' } },
    series: [
      { name: t('requests'), type: 'bar', stack: 'r', data: cats.map((c) => c.requests - c.late_or_overdue), itemStyle: { color: '#4f83c2' } },
      { name: t('late_or_overdue'), type: 'bar', stack: 'r', data: cats.map((c) => c.late_or_overdue), itemStyle: { color: '#d9534f' } },
    ],
  });

  const rows = [...data.districts].sort((a, b) => (b.sla_on_time_rate ?? -1) - (a.sla_on_time_rate ?? -1));
  const tbl = App.table([
    [t('col_district'), (d) => (App.LANG === 'zh' ? d.name_zh : d.name_en)],
    [t('kpi_coverage'), (d) => fmt.pct(d.coverage_rate)],
    [t('kpi_onsite'), (d) => fmt.pct(d.onsite_compliance_rate)],
    [t('kpi_sla'), (d) => fmt.pct(d.sla_on_time_rate)],
    [t('kpi_requests'), (d) => fmt.num(d.requests_received)],
    [t('col_overdue'), (d) => fmt.num(d.open_overdue)],
    [t('kpi_satisfaction'), (d) => fmt.dec(d.avg_satisfaction, 2)],
    [t('col_undersized'), (d) => fmt.num(d.groups_undersized)],
    [t('col_report'), (d) => el('span', { class: 'badge ' + d.report_status }, t('report_' + d.report_status))],
  ], rows, { id: 'districts' });
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => {
    tr.classList.add('clickable');
    tr.dataset.district = rows[i].district_code;
    tr.onclick = () => drill(rows[i].district_code, quarter);
  });
  document.getElementById('district-table').replaceChildren(tbl);
}

function drill(code, quarter) {
  location.href = `/district?district=${encodeURIComponent(code)}&quarter=${encodeURIComponent(quarter)}`;
}

App.init('overview', async (meta, me) => {
  let quarter = App.param('quarter') || meta.quarters[0];
  let district = me.role === 'district' ? me.district : App.param('district') || '';
  App.selector('quarter', meta.quarters, quarter, App.fmt.quarter, (q) => { quarter = q; App.setParams({ quarter }); render(meta, quarter, district).catch(App.showError); });
  const codes = me.role === 'district' ? [me.district] : ['', ...meta.districts.map((d) => d.district_code)];
  App.selector('district-filter', codes, district, (c) => (c ? districtName(meta, c) : App.t('all_districts')), (d) => { district = d; App.setParams({ district }); render(meta, quarter, district).catch(App.showError); });
  await render(meta, quarter, district);
});
