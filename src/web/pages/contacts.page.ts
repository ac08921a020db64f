import { pageNumber, pageOf, pager } from '../pager';
import type { ContactRow } from '../../departments/contacts.service';
import type { OfficeMailbox } from '../../departments/office-mailbox.entity';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

const DONE: Record<string, [string, string]> = {
  contact: ['联络人已保存。', 'Contact saved.'],
  mailbox: ['办公室邮箱已保存。', 'Office mailbox saved.'],
};

export interface ContactsView {
  departments: ContactRow[];
  /** the office's own region (null: admin, who names the region) and its name */
  home: { code: string; name: string } | null;
  mailboxes: Array<OfficeMailbox & { regionName: string | null }>;
  filter: { q: string; missing: boolean };
  done: string | null;
}

function mailboxSection(ctx: PageContext, view: ContactsView): SafeHtml {
  const mine = view.home ? view.mailboxes.find((m) => m.regionCode === view.home!.code) : undefined;
  return html`<section class="panel" id="mailbox">
    <h2>${ctx.t('办公室邮箱', 'Office mailbox')}</h2>
    <p class="muted">
      ${ctx.t(
        '督办单抄送、导入汇总等发给本级领导小组办公室的邮件发到此邮箱；未设置时只能发给办公室人员的个人账号。',
        'Mail for the leadership group office (copies of escalation notices, import summaries) goes to this mailbox; without one it goes to the office staff’s own accounts.',
      )}
    </p>
    ${
      view.home && !mine
        ? html`<p class="notice warn" data-mailbox-missing>
            ${ctx.t(`${view.home.name}尚未设置办公室邮箱。`, `${view.home.name} has no office mailbox yet.`)}
          </p>`
        : ''
    }
    ${
      view.mailboxes.length
        ? html`<ul>
            ${view.mailboxes.map(
              (m) =>
                html`<li data-mailbox="${m.regionCode}">
                  ${m.regionName ?? m.regionCode}：${m.name} &lt;${m.email}&gt;
                </li>`,
            )}
          </ul>`
        : ''
    }
    <form method="post" action="/contacts/mailbox" class="row-form wrap" id="mailbox-form">
      ${csrfField(ctx)}
      ${
        view.home
          ? html`<input type="hidden" name="regionCode" value="${view.home.code}" />`
          : html`<input
              name="regionCode"
              placeholder="${ctx.t('地区代码（6 位）', 'Region code (6 digits)')}"
              pattern="[0-9]{6}"
              required
            />`
      }
      <input
        name="name"
        placeholder="${ctx.t('办公室名称', 'Office name')}"
        maxlength="100"
        value="${mine?.name ?? ''}"
        required
      />
      <input
        name="email"
        type="email"
        placeholder="${ctx.t('邮箱', 'E-mail')}"
        maxlength="254"
        value="${mine?.email ?? ''}"
        required
      />
      <button type="submit" class="small primary">${ctx.t('保存', 'Save')}</button>
    </form>
  </section>`;
}

/** One card per department (not a table): the 联络人 form must fit a 390 px phone. */
function departmentRows(ctx: PageContext, departments: ContactRow[]): SafeHtml {
  return html`<ul class="contact-list">
    ${departments.map((d) => {
      const nobody = !d.hasAccount && !d.contactEmail;
      return html`<li class="card" id="d-${d.id}" data-department="${d.name}">
        <p>
          <strong>${d.name}</strong> <small class="muted">${d.regionName ?? ''}</small> ·
          ${ctx.t(`在办任务 ${d.items} 项`, `${d.items} open items`)} ·
          ${
            nobody
              ? html`<span class="badge level-red">${ctx.t('无人接收邮件', 'Nobody receives mail')}</span>`
              : d.hasAccount
                ? html`<small class="muted">${ctx.t('有账号', 'Has accounts')}</small>`
                : html`<small class="muted"
                    >${ctx.t('无账号，邮件发联络人', 'No account: mail goes to the contact')}</small
                  >`
          }
        </p>
        <form method="post" action="/contacts/departments/${d.id}" class="row-form wrap">
          ${csrfField(ctx)}
          <input
            name="name"
            placeholder="${ctx.t('联络人姓名', 'Contact name')}"
            maxlength="100"
            value="${d.contactName ?? ''}"
          />
          <input
            name="phone"
            placeholder="${ctx.t('电话', 'Phone')}"
            maxlength="40"
            value="${d.contactPhone ?? ''}"
          />
          <input
            name="email"
            type="email"
            placeholder="${ctx.t('邮箱', 'E-mail')}"
            maxlength="254"
            value="${d.contactEmail ?? ''}"
          />
          <button type="submit" class="small primary">${ctx.t('保存', 'Save')}</button>
        </form>
      </li>`;
    })}
  </ul>`;
}

/** 联络人名录: every department of the area with its 联络人 (editable), and the office's own mailbox. */
export function contactsPage(ctx: PageContext, view: ContactsView): SafeHtml {
  const done = view.done ? DONE[view.done] : undefined;
  // A province's office has thousands of departments: a page of them at a time keeps the page light.
  const departments = pageOf(
    view.departments,
    pageNumber(new URL(ctx.url, 'http://page.invalid').searchParams.get('page') ?? undefined),
    50,
  );
  const body = html`${done ? html`<p class="notice ok" role="status">${ctx.t(...done)}</p>` : ''}
    <p class="muted">
      ${ctx.t(
        '督办通知、催办和督办单发给承办单位的联络人；没有联络人时发给单位负责人账号。日常提醒按账号的接收设置发送，单位没有账号时发给联络人。',
        'Supervision notices, urging and escalation notices go to a department’s contact, or to its heads’ accounts when it has none. Routine reminders follow the accounts’ settings and go to the contact when the department has no account.',
      )}
    </p>
    ${mailboxSection(ctx, view)}
    <section class="panel" id="departments">
      <h2>
        ${ctx.t('承办单位联络人', 'Department contacts')}
        <span class="count">${view.departments.length}</span>
      </h2>
      <form method="get" action="/contacts" class="row-form wrap">
        <input name="q" value="${view.filter.q}" placeholder="${ctx.t('单位名称', 'Department name')}" />
        <label
          ><input type="checkbox" name="missing" value="1" ${view.filter.missing ? 'checked' : ''} />
          ${ctx.t('只看无人接收邮件的单位', 'Only departments nobody receives mail for')}</label
        >
        <button type="submit" class="small">${ctx.t('筛选', 'Filter')}</button>
      </form>
      ${
        view.departments.length
          ? html`${departmentRows(ctx, departments.rows)}${pager(ctx, departments, 'page', 'departments')}`
          : html`<p class="empty">${ctx.t('暂无', 'None')}</p>`
      }
    </section>`;
  return layout(ctx, { title: ctx.t('联络人与办公室邮箱', 'Contacts and office mailbox'), body, wide: true });
}
