import { ALL_ROLES, Role } from '../access/role.enum';
import { labelOf } from '../common/i18n/labels';
import { html, type Renderable, type SafeHtml } from './html';
import type { PageContext } from './page-context';

interface NavEntry {
  href: string;
  zh: string;
  en: string;
  roles: readonly Role[] | 'all';
}

const NAV: NavEntry[] = [
  { href: '/', zh: '我的任务', en: 'My tasks', roles: 'all' },
  { href: '/items', zh: '任务清单', en: 'All items', roles: 'all' },
  { href: '/office', zh: '督办工作台', en: 'Office', roles: [Role.Admin, Role.Office] },
  { href: '/contacts', zh: '联络人', en: 'Contacts', roles: [Role.Admin, Role.Office] },
  { href: '/plans/drafts', zh: '方案导入', en: 'Plan import', roles: [Role.Admin, Role.Office] },
  {
    href: '/dashboard',
    zh: '领导看板',
    en: 'Dashboard',
    roles: [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
  },
  {
    href: '/dashboard/pack',
    zh: '调度会材料',
    en: 'Meeting pack',
    roles: [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
  },
  { href: '/import', zh: '数据导入', en: 'Data import', roles: [Role.Admin, Role.Office] },
  { href: '/admin/mail', zh: '邮件投递', en: 'Mail delivery', roles: [Role.Admin] },
];

/** @deprecated the catalog (`label.role.*`, `labelOf`) is the source; kept for callers not moved yet. */
export const ROLE_LABELS = Object.fromEntries(
  ALL_ROLES.map((r) => [r, [labelOf('zh-CN', 'role', r), labelOf('en', 'role', r)]]),
) as Record<Role, [string, string]>;

/** Hidden CSRF field for a form of this page. */
export const csrfField = (ctx: PageContext): SafeHtml =>
  html`<input type="hidden" name="_csrf" value="${ctx.csrf ?? ''}" />`;

/** The frame of every signed-in page: compact left navigation, header, content. */
export function layout(
  ctx: PageContext,
  options: {
    title: string;
    body: Renderable;
    scripts?: string[];
    wide?: boolean;
    bare?: boolean;
    /** false: the page prints its own heading (a document), so the page title stays off the paper */
    printTitle?: boolean;
  },
): SafeHtml {
  const user = ctx.user;
  const nav = user
    ? NAV.filter((n) => n.roles === 'all' || n.roles.includes(user.role)).map((n) => {
        const active =
          n.href === '/' ? ctx.path === '/' : ctx.path === n.href || ctx.path.startsWith(`${n.href}/`);
        return html`<a href="${n.href}" class="${active ? 'active' : ''}">${ctx.t(n.zh, n.en)}</a>`;
      })
    : [];
  const other = ctx.locale === 'en' ? 'zh' : 'en';
  const langLink = html`<a class="lang" href="/lang?to=${other}&amp;next=${encodeURIComponent(ctx.url)}"
    >${ctx.locale === 'en' ? '中文' : 'English'}</a
  >`;
  return html`<html lang="${ctx.locale}">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      ${ctx.csrf ? html`<meta name="csrf-token" content="${ctx.csrf}" />` : ''}
      <title>${options.title} · ${ctx.t('督办', 'Duban')}</title>
      <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
      <link rel="stylesheet" href="/assets/app.css" />
      <script src="/assets/app.js" defer></script>
      ${(options.scripts ?? []).map((s) => html`<script src="${s}" defer></script>`)}
    </head>
    <body class="${options.bare ? 'bare' : ''}">
      ${
        options.bare
          ? html`<main class="bare-main">
              ${options.body}
              <p class="lang-row">${langLink}</p>
            </main>`
          : html`<nav class="side" aria-label="${ctx.t('导航', 'Navigation')}">
                <div class="brand">督办 <small>Duban</small></div>
                <!-- On a phone the links fold away behind 菜单; a checkbox so it works without JavaScript. -->
                <input type="checkbox" id="nav-toggle" class="nav-toggle" />
                <label for="nav-toggle" class="menu-btn">${ctx.t('菜单', 'Menu')}</label>
                ${nav}
                <div class="side-foot">
                  ${user ? html`<div class="who" title="${user.email}">${user.name}<br /><small>${ctx.t(...ROLE_LABELS[user.role])}</small></div>` : ''}
                  ${user ? html`<a href="/password">${ctx.t('修改密码', 'Change password')}</a>` : ''}
                  ${user ? html`<form method="post" action="/logout">${csrfField(ctx)}<button type="submit" class="link">${ctx.t('退出登录', 'Sign out')}</button></form>` : ''}
                  ${langLink}
                </div>
              </nav>
              <main class="${options.wide ? 'content wide' : 'content'}">
                <h1 class="${options.printTitle === false ? 'no-print' : ''}">${options.title}</h1>
                ${options.body}
              </main>`
      }
    </body>
  </html>`;
}

/** An error page in the same frame (403, 404, failed form). */
export function errorPage(
  ctx: PageContext,
  title: string,
  message: string | SafeHtml,
  details: string[] = [],
): SafeHtml {
  return layout(ctx, {
    title,
    bare: !ctx.user,
    body: html`<div class="notice error" role="alert">
        <p>${message}</p>
        ${
          details.length
            ? html`<ul>
                ${details.map((d) => html`<li>${d}</li>`)}
              </ul>`
            : ''
        }
      </div>
      <p>
        <a href="#" data-back>${ctx.t('返回上一页', 'Go back')}</a> ·
        <a href="/">${ctx.t('我的任务', 'My tasks')}</a>
      </p>`,
  });
}
