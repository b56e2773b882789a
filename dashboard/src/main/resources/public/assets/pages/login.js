'use strict';
App.messages({
  zh: { login_name: '用户名', login_password: '密码', login_submit: '登录' },
  en: { login_name: 'User name', login_password: 'Password', login_submit: 'Log in' },
});

document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = App.t(n.dataset.i18n); });
document.documentElement.lang = App.LANG === 'zh' ? 'zh-CN' : 'en';
const switcher = document.getElementById('lang-switch');
switcher.textContent = App.t('lang_switch');
switcher.onclick = (e) => { e.preventDefault(); localStorage.setItem('lang', App.LANG === 'zh' ? 'en' : 'zh'); location.reload(); };

document.getElementById('login-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const box = document.getElementById('error');
  box.hidden = true;
  try {
    const me = await App.post('/api/login', { name: document.getElementById('name').value, password: document.getElementById('password').value });
    const next = App.param('next');
    // only a path of this site: never a redirect elsewhere
    const safe = next && next.startsWith('/') && !next.startsWith('//') ? next : (me.role === 'admin' ? '/admin' : me.role === 'analyst' ? '/' : '/');
    location.href = safe;
  } catch (err) {
    box.textContent = err.message;
    box.hidden = false;
  }
});
App.skipLink();
document.body.dataset.ready = 'true';
