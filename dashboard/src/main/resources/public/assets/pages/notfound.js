// The 404 page (any unknown page path; /api/... answers JSON): no log-in needed, Chinese first
// with the English switch of every page.
'use strict';
App.messages({
  zh: { nf_title: '页面不存在', nf_text: '没有这个页面：网址可能有误，或页面已移动。', nf_home: '返回总览' },
  en: { nf_title: 'Page not found', nf_text: 'There is no such page: the address may be wrong, or the page has moved.', nf_home: 'Back to the overview' },
});
document.querySelectorAll('[data-i18n]').forEach((n) => { n.textContent = App.t(n.dataset.i18n); });
document.getElementById('not-found-path').textContent = location.pathname;
document.getElementById('lang-switch').onclick = () => { localStorage.setItem('lang', App.LANG === 'zh' ? 'en' : 'zh'); location.reload(); };
document.title = '404 · ' + App.t('nf_title');
document.documentElement.lang = App.LANG === 'zh' ? 'zh-CN' : 'en';
App.skipLink();
document.body.dataset.ready = 'true';
