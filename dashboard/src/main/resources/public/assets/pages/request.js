// 需求详情 (/request?id=…): one request, the drill-through of every list's request ids — the
// requests mart's row (deadline, working days, commissioner, SLA status) and its events in time
// order (GET /api/requests/{id}; a district user sees only their district's requests).
'use strict';
App.messages({
  zh: {
    nav_request: '需求详情', rq_title: '需求 {id}', rq_facts: '办理情况（第七条：10个工作日内反馈）', rq_events: '事件（按时间顺序）',
    rq_district: '区县', rq_space: '众创空间', rq_category: '服务类别', rq_channel: '受理渠道', rq_received_at: '受理时间',
    rq_feedback_at: '首次反馈时间', rq_commissioner: '反馈服务专员', rq_closed_at: '办结时间', rq_satisfaction: '满意度（1–5）',
    rq_status: '反馈状态', rq_not_found: '没有这条需求，或您无权查看。',
    col_time: '时间', col_type: '事件', col_commissioner: '服务专员', col_note: '备注', col_event: '事件编号',
    status_ON_TIME: '按时反馈', status_LATE: '逾期反馈', status_OPEN_OVERDUE: '逾期未反馈', status_OPEN_WITHIN_SLA: '时限内未反馈',
    type_RECEIVED: '受理', type_ASSIGNED: '分派', type_FEEDBACK: '反馈', type_CLOSED: '办结',
  },
  en: {
    nav_request: 'Request', rq_title: 'Request {id}', rq_facts: 'Handling (Art. 7: feedback within 10 working days)', rq_events: 'Events (in time order)',
    rq_district: 'District', rq_space: 'Maker space', rq_category: 'Service category', rq_channel: 'Channel', rq_received_at: 'Received at',
    rq_feedback_at: 'First feedback at', rq_commissioner: 'Commissioner (feedback)', rq_closed_at: 'Closed at', rq_satisfaction: 'Satisfaction (1–5)',
    rq_status: 'Feedback status', rq_not_found: 'There is no such request, or you may not see it.',
    col_time: 'Time', col_type: 'Event', col_commissioner: 'Commissioner', col_note: 'Note', col_event: 'Event id',
    status_ON_TIME: 'on time', status_LATE: 'late', status_OPEN_OVERDUE: 'overdue, no feedback', status_OPEN_WITHIN_SLA: 'open, within the limit',
    type_RECEIVED: 'received', type_ASSIGNED: 'assigned', type_FEEDBACK: 'feedback', type_CLOSED: 'closed',
  },
});

App.init('request', async () => {
  const { t, el, fmt } = App;
  const id = App.param('id') || '';
  document.getElementById('request-title').textContent = t('rq_title', { id });
  let d;
  try {
    d = await App.api('/api/requests/' + encodeURIComponent(id));
  } catch (err) {
    if (err.status !== 404 && err.status !== 400) throw err;
    document.getElementById('request-facts').replaceChildren(el('dd', { id: 'request-missing' }, t('rq_not_found')));
    return;
  }
  const r = d.request;
  const name = (zh, en) => (App.LANG === 'zh' ? zh : en);
  const who = (cid, cname) => (cid ? `${cname || ''} (${cid})`.trim() : '–');
  const facts = [
    [t('rq_district'), name(r.district_name_zh, r.district_name_en) || r.district_code],
    [t('rq_space'), `${r.space_name || ''} (${r.space_id})`],
    [t('rq_category'), name(r.category_name_zh, r.category_name_en) || r.category],
    [t('rq_channel'), t('channel_' + r.channel)],
    [t('rq_received_at'), fmt.time(r.received_at)],
    [App.metricHead('deadline_date'), App.formatMetric('deadline_date', r.deadline_date)],
    [t('rq_feedback_at'), fmt.time(r.first_feedback_at)],
    [App.metricHead('feedback_working_days'), App.formatMetric('feedback_working_days', r.feedback_working_days)],
    [App.metricHead('working_days_overdue'), App.formatMetric('working_days_overdue', r.working_days_overdue)],
    [t('rq_commissioner'), who(r.feedback_commissioner_id, r.feedback_commissioner_name)],
    [t('rq_closed_at'), fmt.time(r.closed_at)],
    [t('rq_satisfaction'), r.satisfaction ?? '–'],
    [t('rq_status'), el('span', { class: 'badge ' + r.sla_status, id: 'request-status', 'data-status': r.sla_status }, t('status_' + r.sla_status))],
  ];
  document.getElementById('request-facts').replaceChildren(...facts.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
  await App.list(document.getElementById('request-events'), [
    [t('col_time'), (e) => fmt.time(e.ts), 'ts'],
    [t('col_type'), (e) => t('type_' + e.type), 'type'],
    [t('col_commissioner'), (e) => (e.commissioner_id ? who(e.commissioner_id, e.commissioner_name) : ''), 'commissioner_id'],
    [t('rq_satisfaction'), (e) => e.satisfaction ?? '', 'satisfaction'],
    [t('col_note'), (e) => e.note ?? ''],
    [t('col_event'), (e) => e.event_id, 'event_id'],
  ], { rows: d.events, id: 'events', rowAttrs: (e) => ({ 'data-event': e.event_id, 'data-type': e.type }) });
});
