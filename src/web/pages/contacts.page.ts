import { pageNumber, pageOf, pager } from '../pager';
import type { MessageKey } from '../../common/i18n/catalog';
import type { ContactRow } from '../../departments/contacts.service';
import type { OfficeMailbox } from '../../departments/office-mailbox.entity';
import { html, type SafeHtml } from '../html';
import { csrfField, layout } from '../layout';
import type { PageContext } from '../page-context';

const DONE: Record<string, MessageKey> = {
  contact: 'office.contact_saved_notice',
  mailbox: 'office.mailbox_saved_notice',
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
    <h2>${ctx.msg('office.mailbox_heading')}</h2>
    <p class="muted">${ctx.msg('office.mailbox_explanation')}</p>
    ${
      view.home && !mine
        ? html`<p class="notice warn" data-mailbox-missing>
            ${ctx.msg('office.region_mailbox_missing', { region: view.home.name })}
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
              placeholder="${ctx.msg('office.region_code_placeholder')}"
              pattern="[0-9]{6}"
              required
            />`
      }
      <input
        name="name"
        placeholder="${ctx.msg('office.office_name_placeholder')}"
        maxlength="100"
        value="${mine?.name ?? ''}"
        required
      />
      <input
        name="email"
        type="email"
        placeholder="${ctx.msg('office.email_placeholder')}"
        maxlength="254"
        value="${mine?.email ?? ''}"
        required
      />
      <button type="submit" class="small primary">${ctx.msg('office.save_button')}</button>
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
          ${ctx.msg('office.department_open_items', { count: d.items })} ·
          ${
            nobody
              ? html`<span class="badge level-red">${ctx.msg('office.nobody_receives_mail_badge')}</span>`
              : d.hasAccount
                ? html`<small class="muted">${ctx.msg('office.has_accounts_note')}</small>`
                : html`<small class="muted">${ctx.msg('office.no_account_mail_to_contact_note')}</small>`
          }
        </p>
        <form method="post" action="/contacts/departments/${d.id}" class="row-form wrap">
          ${csrfField(ctx)}
          <input
            name="name"
            placeholder="${ctx.msg('office.contact_name_placeholder')}"
            maxlength="100"
            value="${d.contactName ?? ''}"
          />
          <input
            name="phone"
            placeholder="${ctx.msg('office.phone_placeholder')}"
            maxlength="40"
            value="${d.contactPhone ?? ''}"
          />
          <input
            name="email"
            type="email"
            placeholder="${ctx.msg('office.email_placeholder')}"
            maxlength="254"
            value="${d.contactEmail ?? ''}"
          />
          <button type="submit" class="small primary">${ctx.msg('office.save_button')}</button>
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
  const body = html`${done ? html`<p class="notice ok" role="status">${ctx.msg(done)}</p>` : ''}
    <p class="muted">${ctx.msg('office.contacts_routing_explanation')}</p>
    ${mailboxSection(ctx, view)}
    <section class="panel" id="departments">
      <h2>
        ${ctx.msg('office.department_contacts_heading')}
        <span class="count">${view.departments.length}</span>
      </h2>
      <form method="get" action="/contacts" class="row-form wrap">
        <input
          name="q"
          value="${view.filter.q}"
          placeholder="${ctx.msg('office.department_name_placeholder')}"
        />
        <label
          ><input type="checkbox" name="missing" value="1" ${view.filter.missing ? 'checked' : ''} />
          ${ctx.msg('office.only_unreachable_filter')}</label
        >
        <button type="submit" class="small">${ctx.msg('office.filter_button')}</button>
      </form>
      ${
        view.departments.length
          ? html`${departmentRows(ctx, departments.rows)}${pager(ctx, departments, 'page', 'departments')}`
          : html`<p class="empty">${ctx.msg('office.no_departments')}</p>`
      }
    </section>`;
  return layout(ctx, { title: ctx.msg('office.contacts_title'), body, wide: true });
}
