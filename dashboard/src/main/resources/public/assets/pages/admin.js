'use strict';
App.messages({
  zh: {
    ad_users: '用户', ad_add: '新增或重置用户', ad_add_note: '同名用户将被重置（角色、区县、密码），其登录会话随即失效。',
    ad_name: '用户名', ad_role: '角色', ad_password: '密码', ad_password2: '再次输入密码', ad_save: '保存',
    ad_remove: '删除', ad_you: '（本人）', ad_confirm_remove: '确定删除用户 {name}？其登录会话将立即失效。',
    ad_saved: '已保存用户 {name}', ad_created: '已新增用户 {name}', ad_removed: '已删除用户 {name}',
    ad_mismatch: '两次输入的密码不一致', ad_short: '密码至少 {n} 个字符', ad_name_rule: '用户名为 2–64 个字母、数字或 _ . @ -',
    ad_need_district: '区县用户须选择区县', ad_no_district: '（不适用）',
    ad_runs: '数据更新', ad_run_now: '立即运行',
    ad_runs_schedule: '数据接收目录 {landing}；定时计划 {schedule}（北京时间）；下次运行 {next}。每次运行先导入新数据，再按当天日期重算全部指标。',
    ad_runs_disabled: '本服务未配置数据接收目录（./warehouse serve --landing DIR），不能在此运行数据更新。',
    ad_run_started: '已开始第 {id} 次数据更新', ad_run_id: '编号', ad_run_trigger: '触发方式', ad_run_started_at: '开始',
    ad_run_finished: '结束', ad_run_status: '状态', ad_run_rows: '各来源导入行数', ad_run_snapshot: '发布的快照', ad_run_error: '错误',
    trigger_schedule: '定时', trigger_admin: '管理员 {by}', trigger_startup: '服务启动',
    run_status_running: '运行中', run_status_ok: '成功', run_status_failed: '失败',
    run_unchanged: '数据无变化', run_quarantined: '隔离 {n}',
    source_reference: '基础数据', source_quarterly_reports: '季报', source_request_logs: '服务请求日志',
    ad_run_checks: '数据检查', run_checks: '{passed} 项通过 / {failed} 项未通过',
    ad_checks_latest: '最近一次数据更新（第 {id} 次）的数据检查：{passed} 项通过，{failed} 项未通过。',
    ad_checks_blocked: '未通过检查的数据不会发布，仍显示此前的数据。',
    ad_checks_none: '最近一次数据更新（第 {id} 次）未进行数据检查（在检查前已结束）。',
    ad_check_failure: '{name}：{rows} 行不符合规则',
  },
  en: {
    ad_users: 'Users', ad_add: 'Add or reset a user', ad_add_note: 'A user of the same name is reset (role, district, password) and logged out.',
    ad_name: 'User name', ad_role: 'Role', ad_password: 'Password', ad_password2: 'Password again', ad_save: 'Save',
    ad_remove: 'Remove', ad_you: '(you)', ad_confirm_remove: 'Remove user {name}? Their sessions end at once.',
    ad_saved: 'Saved user {name}', ad_created: 'Added user {name}', ad_removed: 'Removed user {name}',
    ad_mismatch: 'The two passwords differ', ad_short: 'The password needs at least {n} characters', ad_name_rule: 'A user name is 2–64 letters, digits or _ . @ -',
    ad_need_district: 'A district user needs a district', ad_no_district: '(not applicable)',
    ad_runs: 'Data updates', ad_run_now: 'Run now',
    ad_runs_schedule: 'Landing zone {landing}; schedule {schedule} (Beijing time); next run {next}. Each run ingests new data, then recomputes every figure as of today.',
    ad_runs_disabled: 'This server has no landing zone (./warehouse serve --landing DIR): data updates cannot be run here.',
    ad_run_started: 'Data update {id} started', ad_run_id: 'No.', ad_run_trigger: 'Trigger', ad_run_started_at: 'Started',
    ad_run_finished: 'Ended', ad_run_status: 'Status', ad_run_rows: 'Rows ingested per source', ad_run_snapshot: 'Snapshot published', ad_run_error: 'Error',
    trigger_schedule: 'schedule', trigger_admin: 'admin {by}', trigger_startup: 'server start',
    run_status_running: 'running', run_status_ok: 'succeeded', run_status_failed: 'failed',
    run_unchanged: 'no change', run_quarantined: '{n} quarantined',
    source_reference: 'reference data', source_quarterly_reports: 'quarterly reports', source_request_logs: 'request logs',
    ad_run_checks: 'Data checks', run_checks: '{passed} passed / {failed} failed',
    ad_checks_latest: 'Data checks of the latest data update (no. {id}): {passed} passed, {failed} failed.',
    ad_checks_blocked: ' Data that fails a check is not published; the previous data stays on show.',
    ad_checks_none: 'The latest data update (no. {id}) ran no data checks (it ended before them).',
    ad_check_failure: '{name}: {rows} offending rows',
  },
});

const NAME = /^[A-Za-z0-9_.@-]{2,64}$/;

function message(text, ok) {
  const m = document.getElementById('user-message');
  m.textContent = text;
  m.className = ok ? 'ok' : 'fail';
}

function districtName(data, code) {
  return App.fmt.districtName(data.districts.find((d) => d.district_code === code)) || code || '–';
}

async function load() {
  const { t, el } = App;
  const data = await App.api('/api/admin/users');
  const tbl = App.table([
    [t('ad_name'), (u) => (u.name === data.me ? `${u.name} ${t('ad_you')}` : u.name)],
    [t('ad_role'), (u) => t('role_' + u.role)],
    [t('district'), (u) => (u.district ? districtName(data, u.district) : '–')],
    ['', (u) => el('button', {
      class: 'delete-user', type: 'button', 'data-user': u.name, disabled: u.name === data.me ? 'disabled' : null,
      onclick: () => remove(u.name),
    }, t('ad_remove'))],
  ], data.users, { id: 'users' });
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.user = data.users[i].name; });
  document.getElementById('users-table').replaceChildren(tbl);
  return data;
}

async function remove(name) {
  if (!window.confirm(App.t('ad_confirm_remove', { name }))) return;
  try {
    await App.post('/api/admin/users/delete', { name });
    message(App.t('ad_removed', { name }), true);
    await load();
  } catch (err) {
    message(err.message, false);
  }
}

function runMessage(text, ok) {
  const m = document.getElementById('run-message');
  m.textContent = text;
  m.className = ok ? 'ok' : 'fail';
}

/** Rows per source as ingested: accepted (and quarantined) rows of each source that changed. */
function sourceRows(r) {
  const { t, fmt } = App;
  if (r.ingestPublished === null || r.ingestPublished === undefined) return '–';
  if (!r.ingestPublished) return t('run_unchanged');
  return r.sources.map((s) => `${t('source_' + s.source)} ${fmt.num(s.accepted)}`
    + (s.quarantined ? ` (${t('run_quarantined', { n: fmt.num(s.quarantined) })})` : '')).join(' · ');
}

/** A run's data checks in its table row: passed / failed, or – when none ran. */
function runChecks(r) {
  return r.checks ? App.t('run_checks', { passed: App.fmt.num(r.checks.passed), failed: App.fmt.num(r.checks.failed) }) : '–';
}

/** The latest ended run's data checks: how many passed and failed, and each failure with its offending rows. */
function showLatestChecks(runs) {
  const { t, el, fmt } = App;
  const summary = document.getElementById('runs-checks-summary');
  const list = document.getElementById('runs-checks-failures');
  const latest = runs.find((r) => r.status !== 'running');
  if (!latest) {
    summary.textContent = '';
    list.replaceChildren();
    return;
  }
  const c = latest.checks;
  summary.textContent = c
    ? t('ad_checks_latest', { id: latest.id, passed: fmt.num(c.passed), failed: fmt.num(c.failed) }) + (c.failed ? t('ad_checks_blocked') : '')
    : t('ad_checks_none', { id: latest.id });
  summary.className = c && !c.failed ? 'ok' : (c ? 'fail' : '');
  list.replaceChildren(...(c ? c.failures : []).map((f) => el('li', { 'data-check': f.name }, t('ad_check_failure', { name: f.name, rows: fmt.num(f.rows) }))));
}

let runsTimer = null;

/** The data-update section: schedule, Run now, the runs newest first; refreshes itself while one runs. */
async function loadRuns() {
  const { t, el, fmt } = App;
  const data = await App.api('/api/admin/runs');
  const info = document.getElementById('runs-info');
  info.textContent = data.enabled
    ? t('ad_runs_schedule', { landing: data.landing, schedule: data.schedule || '–', next: fmt.time(data.nextRun) })
    : t('ad_runs_disabled');
  const button = document.getElementById('run-now');
  button.disabled = !data.enabled || data.running;
  const tbl = App.table([
    [t('ad_run_id'), (r) => r.id],
    [t('ad_run_trigger'), (r) => t('trigger_' + r.trigger, { by: r.by || '' })],
    [t('ad_run_started_at'), (r) => fmt.time(r.started)],
    [t('ad_run_finished'), (r) => fmt.time(r.finished)],
    [t('ad_run_status'), (r) => el('span', { class: 'status-' + r.status }, t('run_status_' + r.status))],
    [t('ad_run_rows'), (r) => el('span', { class: 'run-rows' }, sourceRows(r))],
    [t('ad_run_snapshot'), (r) => r.snapshot || '–'],
    [t('ad_run_checks'), (r) => el('span', { class: 'run-checks' }, runChecks(r))],
    [t('ad_run_error'), (r) => (r.error ? el('span', { class: 'run-error' }, r.error) : '')],
  ], data.runs, { id: 'runs' });
  tbl.querySelectorAll('tbody tr').forEach((tr, i) => { tr.dataset.run = data.runs[i].id; tr.dataset.status = data.runs[i].status; });
  document.getElementById('runs-table').replaceChildren(data.runs.length ? tbl : el('p', { class: 'muted' }, t('none')));
  showLatestChecks(data.runs);
  clearTimeout(runsTimer);
  if (data.running) runsTimer = setTimeout(() => loadRuns().catch(App.showError), 5000);
  return data;
}

App.init('admin', async () => {
  const { t } = App;
  const data = await load();
  await loadRuns();
  document.getElementById('run-now').addEventListener('click', async () => {
    try {
      const run = await App.post('/api/admin/runs', {});
      runMessage(t('ad_run_started', { id: run.id }), true);
    } catch (err) {
      runMessage(err.message, false);
    }
    await loadRuns();
  });
  const role = document.getElementById('user-role');
  const district = document.getElementById('user-district');
  App.selector('user-role', data.roles, 'leader', (r) => t('role_' + r), () => syncDistrict());
  App.selector('user-district', ['', ...data.districts.map((d) => d.district_code)], '', (c) => (c ? districtName(data, c) : t('ad_no_district')), () => {});
  function syncDistrict() {
    district.disabled = role.value !== 'district';
    if (district.disabled) district.value = '';
  }
  syncDistrict();
  document.getElementById('user-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const name = document.getElementById('user-name').value.trim();
    const password = document.getElementById('user-password').value;
    const again = document.getElementById('user-password2').value;
    if (!NAME.test(name)) return message(t('ad_name_rule'), false);
    if (password.length < data.minPassword) return message(t('ad_short', { n: data.minPassword }), false);
    if (password !== again) return message(t('ad_mismatch'), false);
    if (role.value === 'district' && !district.value) return message(t('ad_need_district'), false);
    try {
      const saved = await App.post('/api/admin/users', { name, role: role.value, district: district.value || null, password });
      document.getElementById('user-password').value = '';
      document.getElementById('user-password2').value = '';
      message(t(saved.created ? 'ad_created' : 'ad_saved', { name: saved.name }), true);
      await load();
    } catch (err) {
      message(err.message, false);
    }
  });
});
