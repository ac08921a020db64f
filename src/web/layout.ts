import { ALL_ROLES, Role } from '../access/role.enum';
import type { MessageKey } from '../common/i18n/catalog';
import { labelOf } from '../common/i18n/labels';
import { html, type Renderable, type SafeHtml } from './html';
import type { PageContext } from './page-context';

interface NavEntry {
  href: string;
  label: MessageKey;
  roles: readonly Role[] | 'all';
}

const NAV: NavEntry[] = [
  { href: '/', label: 'shell.my_tasks', roles: 'all' },
  { href: '/items', label: 'shell.nav_all_items', roles: 'all' },
  { href: '/office', label: 'shell.nav_office', roles: [Role.Admin, Role.Office] },
  { href: '/contacts', label: 'shell.nav_contacts', roles: [Role.Admin, Role.Office] },
  { href: '/plans/drafts', label: 'shell.nav_plan_import', roles: [Role.Admin, Role.Office] },
  {
    href: '/dashboard',
    label: 'shell.nav_dashboard',
    roles: [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
  },
  {
    href: '/dashboard/pack',
    label: 'shell.nav_meeting_pack',
    roles: [Role.Admin, Role.Leader, Role.Office, Role.Inspector],
  },
  { href: '/import', label: 'shell.nav_data_import', roles: [Role.Admin, Role.Office] },
  { href: '/admin/mail', label: 'shell.nav_mail_delivery', roles: [Role.Admin] },
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
        return html`<a href="${n.href}" class="${active ? 'active' : ''}">${ctx.msg(n.label)}</a>`;
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
      <title>${options.title} · ${ctx.msg('shell.product_name')}</title>
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
          : html`<nav class="side" aria-label="${ctx.msg('shell.nav_label')}">
                <div class="brand">督办 <small>Duban</small></div>
                <!-- On a phone the links fold away behind 菜单; a checkbox so it works without JavaScript. -->
                <input type="checkbox" id="nav-toggle" class="nav-toggle" />
                <label for="nav-toggle" class="menu-btn">${ctx.msg('shell.menu_button')}</label>
                ${nav}
                <div class="side-foot">
                  ${user ? html`<div class="who" title="${user.email}">${user.name}<br /><small>${labelOf(ctx.locale, 'role', user.role)}</small></div>` : ''}
                  ${user ? html`<a href="/password">${ctx.msg('shell.change_password')}</a>` : ''}
                  ${user ? html`<form method="post" action="/logout">${csrfField(ctx)}<button type="submit" class="link">${ctx.msg('shell.sign_out')}</button></form>` : ''}
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
        <a href="#" data-back>${ctx.msg('shell.go_back')}</a> ·
        <a href="/">${ctx.msg('shell.my_tasks')}</a>
      </p>`,
  });
}
