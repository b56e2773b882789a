'use strict';
App.messages({
  zh: {
    up_title: '季报上报（津科创〔2015〕51号 第八条）',
    up_steps: '1. 下载模板，用 Excel 填写（每行一次现场办公）；2. 选择季度和文件，点“检查”——系统按入库规则逐行检查，文件此时不会保存；3. 核对问题行，修改后可重新检查；4. 点“确认提交”，文件保存到数据接收区并排队更新数据，季报状态随后在“季报跟踪”中更新。支持 Excel (.xlsx) 和 CSV（UTF-8 或 GB18030），不超过 10 MB。',
    up_template: '下载季报模板（.xlsx）', up_quarter: '季度', up_file: '文件', up_check: '检查', up_result: '检查结果',
    up_confirm: '确认提交', up_summary: '{file}（{format}）：',
    up_all_ok: '全部通过，可以提交。', up_some_bad: '有问题的行提交后会进入数据质量的隔离区；建议修改后重新检查。',
    up_none_pass: '没有一行通过检查，不能提交（提交后不会有任何一行入库）：请按下表修改后重新检查。',
    up_replaces: '每区每季度只有一份生效的季报：{district} {quarter} 已有生效的版本，确认提交后将替换 {date} 提交的版本（{rows} 行）。',
    up_replaced: '替换了 {date} 提交的版本（{rows} 行）。',
    up_choose: '请先选择文件', up_done: '已提交：{path}。{replaced}{run}', up_run_queued: '已排队更新数据。', up_run_later: '将在下次定时更新时入库。',
    col_line: '行', col_field: '字段', col_reason: '原因', col_detail: '说明', col_raw: '原始内容',
    r_WRONG_FIELD_COUNT: '列数不符', r_MISSING_VALUE: '必填项为空', r_BAD_VALUE: '格式或数值错误', r_DATE_OUTSIDE_QUARTER: '日期不在本季度',
    r_GROUP_NOT_IN_DISTRICT: '非本区服务小组', r_GROUP_NOT_ASSIGNED: '小组当天未驻点该空间', r_BAD_MEMBER: '专员不是当天的小组成员',
  },
  en: {
    up_title: 'Submit a quarterly report (Notice 津科创〔2015〕51号, Art. 8)',
    up_steps: '1. Download the template and fill it in with Excel (one row per on-site session); 2. choose the quarter and the file and press Check — every row is checked with the ingest rules, nothing is saved yet; 3. look at the rows with problems, fix them and check again; 4. press Confirm: the file is saved to the landing zone and a data update is queued; the report status then changes on the Report tracker. Excel (.xlsx) or CSV (UTF-8 or GB18030), at most 10 MB.',
    up_template: 'Download the report template (.xlsx)', up_quarter: 'Quarter', up_file: 'File', up_check: 'Check', up_result: 'Check result',
    up_confirm: 'Confirm', up_summary: '{file} ({format}): ',
    up_all_ok: 'Every row passes: ready to submit.', up_some_bad: 'Rows with problems go to the quarantine (Data quality) once submitted; better fix them and check again.',
    up_none_pass: 'No row passes the check, so there is nothing to submit (not one row would be loaded): fix the rows below and check again.',
    up_replaces: 'A district has one report in force per quarter: {district} already has one for {quarter}; confirming replaces the version submitted on {date} ({rows} rows).',
    up_replaced: 'It replaces the version submitted on {date} ({rows} rows). ',
    up_choose: 'Choose a file first', up_done: 'Submitted: {path}. {replaced}{run}', up_run_queued: 'A data update is queued.', up_run_later: 'The next scheduled update will load it.',
    col_line: 'Line', col_field: 'Field', col_reason: 'Reason', col_detail: 'Detail', col_raw: 'Row as written',
    r_WRONG_FIELD_COUNT: 'Wrong number of fields', r_MISSING_VALUE: 'Required value empty', r_BAD_VALUE: 'Bad format or value', r_DATE_OUTSIDE_QUARTER: 'Date outside the quarter',
    r_GROUP_NOT_IN_DISTRICT: 'Not a group of the district', r_GROUP_NOT_ASSIGNED: 'Group not assigned to the space that day', r_BAD_MEMBER: 'Not a member of the group that day',
  },
});

/**
 * Forgets the previous check: its result is hidden and cleared and Confirm is disabled, so that
 * nothing but the file last checked, as it was checked, can be submitted.
 */
function clearResult(state) {
  state.token = null;
  state.seq += 1;
  document.getElementById('upload-result').hidden = true;
  document.getElementById('upload-summary').replaceChildren();
  document.getElementById('upload-problems').replaceChildren();
  const replaces = document.getElementById('upload-replaces');
  replaces.replaceChildren();
  replaces.hidden = true;
  document.getElementById('upload-none-pass').hidden = true;
  const button = document.getElementById('upload-confirm');
  button.disabled = true;
  button.hidden = false;
  document.getElementById('upload-confirmed').hidden = true;
}

async function check(state, name) {
  const { t, fmt, el } = App;
  clearResult(state);
  document.getElementById('error').hidden = true;
  const seq = state.seq;
  const file = document.getElementById('upload-file').files[0];
  if (!file) throw new Error(t('up_choose'));
  const params = new URLSearchParams({ district: state.district, quarter: state.quarter, name: file.name });
  const res = await fetch('/api/reports/upload?' + params, {
    method: 'POST', credentials: 'same-origin', body: file,
    headers: { 'Content-Type': 'application/octet-stream', Accept: 'application/json', 'Accept-Language': App.ACCEPT_LANGUAGE, 'X-CSRF-Token': App.me().csrfToken },
  });
  const data = await res.json().catch(() => ({ error: res.statusText }));
  if (seq !== state.seq) return; // another file, quarter or district was chosen meanwhile: this answer is stale
  if (!res.ok) throw new Error(data.error || data.title || res.statusText);
  state.token = data.token;
  document.getElementById('upload-result').hidden = false;
  const ok = data.problems.length === 0;
  const none = data.rowsAccepted === 0;
  // the rows the submission would have accepted and rejected (a problem per rejected row): the report's figures
  document.getElementById('upload-summary').replaceChildren(
    t('up_summary', { file: file.name, format: data.encoding }),
    App.metricFigure('report_rows_accepted', data.rowsAccepted), ' · ', App.metricFigure('report_rows_rejected', data.problems.length),
    ' ', el('span', { class: ok ? 'ok' : 'warn' }, ok ? t('up_all_ok') : none ? '' : t('up_some_bad')));
  // the rejected rows: a list to sort, page and export (CSV, .xlsx) while the check is kept
  const problems = document.getElementById('upload-problems');
  if (ok) problems.replaceChildren();
  else {
    await App.list(problems, [
      [t('col_line'), (p) => fmt.num(p.line_number), 'line_number'],
      [t('col_field'), (p) => p.field || '–', 'field'],
      [t('col_reason'), (p) => `${t('r_' + p.reason_code)} (${p.reason_code})`, 'reason_code'],
      [t('col_detail'), (p) => p.detail],
      [t('col_raw'), (p) => el('span', { class: 'raw' }, p.raw)],
    ], { url: '/api/reports/upload/problems', params: { token: data.token }, pageSize: 50, id: 'upload-problems-table' });
    if (seq !== state.seq) return;
  }
  const button = document.getElementById('upload-confirm');
  if (none) {
    // nothing would be loaded: no Confirm, and why
    button.hidden = true;
    document.getElementById('upload-none-pass').hidden = false;
    return;
  }
  if (data.inForce) {
    const replaces = document.getElementById('upload-replaces');
    replaces.textContent = t('up_replaces', { district: name(state.district), quarter: fmt.quarter(data.quarter),
      date: data.inForce.submittedOn, rows: fmt.num(data.inForce.rowsAccepted) });
    replaces.dataset.submittedOn = data.inForce.submittedOn;
    replaces.dataset.sourceFile = data.inForce.sourceFile;
    replaces.hidden = false;
  }
  button.disabled = false;
}

async function confirm(state) {
  const { t } = App;
  const token = state.token;
  if (!token) return;
  const button = document.getElementById('upload-confirm');
  button.disabled = true;
  let data;
  try {
    data = await App.post('/api/reports/upload/confirm', { token });
  } catch (err) {
    button.disabled = state.token !== token;
    throw err;
  }
  state.token = null;
  const done = document.getElementById('upload-confirmed');
  done.textContent = t('up_done', { path: data.landingPath,
    replaced: data.replaces ? t('up_replaced', { date: data.replaces.submittedOn, rows: App.fmt.num(data.replaces.rowsAccepted) }) : '',
    run: data.runQueued ? t('up_run_queued') : t('up_run_later') });
  done.hidden = false;
}

App.init('upload', async (meta, me) => {
  // the snapshot's quarters, newest first (the newest is the current one): the one before is the report due
  const quarters = meta.quarters.slice(0, 9);
  const state = { district: me.role === 'district' ? me.district : meta.districts[0].district_code,
    quarter: App.param('quarter') || quarters[Math.min(1, quarters.length - 1)], token: null, seq: 0 };
  const codes = me.role === 'district' ? [me.district] : meta.districts.map((d) => d.district_code);
  const name = (c) => App.fmt.districtName(meta.districts.find((d) => d.district_code === c)) || c;
  // another district, quarter or file: the previous check no longer applies
  App.selector('upload-district', codes, state.district, name, (d) => { state.district = d; clearResult(state); });
  App.selector('upload-quarter', quarters, state.quarter, (q) => App.fmt.quarter(q), (q) => { state.quarter = q; clearResult(state); });
  document.getElementById('upload-file').addEventListener('change', () => clearResult(state));
  document.getElementById('upload-check').onclick = () => check(state, name).catch(App.showError);
  document.getElementById('upload-confirm').onclick = () => confirm(state).catch(App.showError);
});
