import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

export function loginPage(
  ctx: PageContext,
  options: { next: string; email?: string; error?: string; expired?: boolean; signedOut?: boolean },
): SafeHtml {
  return layout(ctx, {
    title: ctx.msg('shell.sign_in'),
    bare: true,
    body: html`<form method="post" action="/login" class="card login">
      <h1>督办 <small>${ctx.msg('shell.login_tagline')}</small></h1>
      ${options.expired ? html`<div class="notice warn" role="alert">${ctx.msg('auth.session_expired')}</div>` : ''}
      ${options.signedOut ? html`<div class="notice ok">${ctx.msg('shell.login_signed_out')}</div>` : ''}
      ${options.error ? html`<div class="notice error" role="alert">${options.error}</div>` : ''}
      <input type="hidden" name="next" value="${options.next}" />
      <label
        >${ctx.msg('shell.login_email')}<input
          type="email"
          name="email"
          autocomplete="username"
          required
          value="${options.email ?? ''}"
          autofocus
      /></label>
      <label
        >${ctx.msg('shell.login_password')}<input
          type="password"
          name="password"
          autocomplete="current-password"
          required
      /></label>
      <button type="submit" class="primary">${ctx.msg('shell.sign_in')}</button>
    </form>`,
  });
}

export function passwordPage(ctx: PageContext, options: { error?: string; done?: boolean } = {}): SafeHtml {
  return layout(ctx, {
    title: ctx.msg('shell.change_password'),
    body: html`<form method="post" action="/password" class="card narrow">
      ${csrfField(ctx)}
      ${options.done ? html`<div class="notice ok" role="status">${ctx.msg('shell.password_changed')}</div>` : ''}
      ${options.error ? html`<div class="notice error" role="alert">${options.error}</div>` : ''}
      <label
        >${ctx.msg('shell.password_current')}<input
          type="password"
          name="currentPassword"
          autocomplete="current-password"
          required
      /></label>
      <label
        >${ctx.msg('shell.password_new')}<input
          type="password"
          name="newPassword"
          autocomplete="new-password"
          required
          minlength="10"
      /></label>
      <p class="hint">${ctx.msg('shell.password_rule_hint')}</p>
      <button type="submit" class="primary">${ctx.msg('shell.change_password')}</button>
    </form>`,
  });
}
