'use strict';
App.messages({
  zh: {
    ad_users: '用户', ad_add: '新增或重置用户', ad_add_note: '同名用户将被重置（角色、区县、密码），其登录会话随即失效。',
    ad_name: '用户名', ad_role: '角色', ad_password: '密码', ad_password2: '再次输入密码', ad_save: '保存',
    ad_remove: '删除', ad_you: '（本人）', ad_confirm_remove: '确定删除用户 {name}？其登录会话将立即失效。',
    ad_saved: '已保存用户 {name}', ad_created: '已新增用户 {name}', ad_removed: '已删除用户 {name}',
    ad_mismatch: '两次输入的密码不一致', ad_short: '密码至少 {n} 个字符', ad_name_rule: '用户名为 2–64 个字母、数字或 _ . @ -',
    ad_need_district: '区县用户须选择区县', ad_no_district: '（不适用）',
  },
  en: {
    ad_users: 'Users', ad_add: 'Add or reset a user', ad_add_note: 'A user of the same name is reset (role, district, password) and logged out.',
    ad_name: 'User name', ad_role: 'Role', ad_password: 'Password', ad_password2: 'Password again', ad_save: 'Save',
    ad_remove: 'Remove', ad_you: '(you)', ad_confirm_remove: 'Remove user {name}? Their sessions end at once.',
    ad_saved: 'Saved user {name}', ad_created: 'Added user {name}', ad_removed: 'Removed user {name}',
    ad_mismatch: 'The two passwords differ', ad_short: 'The password needs at least {n} characters', ad_name_rule: 'A user name is 2–64 letters, digits or _ . @ -',
    ad_need_district: 'A district user needs a district', ad_no_district: '(not applicable)',
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

App.init('admin', async () => {
  const { t } = App;
  const data = await load();
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
