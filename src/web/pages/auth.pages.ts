import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

export function loginPage(
  ctx: PageContext,
  options: { next: string; email?: string; error?: string; expired?: boolean; signedOut?: boolean },
): SafeHtml {
  return layout(ctx, {
    title: ctx.t('登录', 'Sign in'),
    bare: true,
    body: html`<form method="post" action="/login" class="card login">
      <h1>督办 <small>${ctx.t('县域义务教育优质均衡发展督办', 'Plans into assignments')}</small></h1>
      ${options.expired ? html`<div class="notice warn" role="alert">${ctx.t('登录已过期，请重新登录', 'Your session has expired; please sign in again')}</div>` : ''}
      ${options.signedOut ? html`<div class="notice ok">${ctx.t('已退出登录', 'You have signed out')}</div>` : ''}
      ${options.error ? html`<div class="notice error" role="alert">${options.error}</div>` : ''}
      <input type="hidden" name="next" value="${options.next}" />
      <label
        >${ctx.t('邮箱', 'Email')}<input
          type="email"
          name="email"
          autocomplete="username"
          required
          value="${options.email ?? ''}"
          autofocus
      /></label>
      <label
        >${ctx.t('密码', 'Password')}<input
          type="password"
          name="password"
          autocomplete="current-password"
          required
      /></label>
      <button type="submit" class="primary">${ctx.t('登录', 'Sign in')}</button>
    </form>`,
  });
}

export function passwordPage(ctx: PageContext, options: { error?: string; done?: boolean } = {}): SafeHtml {
  return layout(ctx, {
    title: ctx.t('修改密码', 'Change password'),
    body: html`<form method="post" action="/password" class="card narrow">
      ${csrfField(ctx)}
      ${options.done ? html`<div class="notice ok" role="status">${ctx.t('密码已修改，其他设备上的登录已结束', 'Password changed; your other sessions have ended')}</div>` : ''}
      ${options.error ? html`<div class="notice error" role="alert">${options.error}</div>` : ''}
      <label
        >${ctx.t('当前密码', 'Current password')}<input
          type="password"
          name="currentPassword"
          autocomplete="current-password"
          required
      /></label>
      <label
        >${ctx.t('新密码', 'New password')}<input
          type="password"
          name="newPassword"
          autocomplete="new-password"
          required
          minlength="10"
      /></label>
      <p class="hint">
        ${ctx.t('至少 10 个字符，须同时包含字母和数字', 'At least 10 characters, with letters and digits')}
      </p>
      <button type="submit" class="primary">${ctx.t('修改密码', 'Change password')}</button>
    </form>`,
  });
}
