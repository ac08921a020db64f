import { label } from '../components';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';
import type { LedgerRow, MilestoneHint } from '../ledger-queries';

/** 台账 of a county: every entry with school, indicator, opened and closed (销号) dates and the closing import. */
export function ledgerPage(
  ctx: PageContext,
  view: { code: string; countyName: string; entries: LedgerRow[]; hints: MilestoneHint[] },
): SafeHtml {
  const open = view.entries.filter((e) => !e.closedAt).length;
  const closed = view.entries.length - open;
  // Only where the indicator already passes (可认定): there the reports alone keep the milestone open.
  const hints = view.hints.filter((h) => h.evidencePassed && h.waitingFor.length);
  const body = html`<p class="sub">${ctx.msg('office.ledger_summary', { open, closed })}</p>
    ${hints.map(
      (h) =>
        html`<div class="notice warn" data-hint="${h.itemId}" role="note">
          <a href="/items/${h.itemId}">${h.title}</a>：
          ${
            h.evidencePassed
              ? ctx.msg('office.ledger_evidence_passes')
              : ctx.msg('office.ledger_evidence_not_passing')
          }
          ${ctx.msg('office.ledger_cannot_close_because')}
          ${h.waitingFor.map(
            (w) =>
              html`<strong>${ctx.msg(w.message)}</strong>${
                  w.ownCounty ? ctx.msg('office.ledger_own_county_report') : ''
                }；`,
          )}
        </div>`,
    )}
    <table class="grid" id="ledger">
      <thead>
        <tr>
          <th>${ctx.msg('office.ledger_school_column')}</th>
          <th>${ctx.msg('office.ledger_indicator_column')}</th>
          <th class="w-num">${ctx.msg('office.ledger_value_limit_column')}</th>
          <th class="w-date">${ctx.msg('office.ledger_opened_column')}</th>
          <th class="w-date">${ctx.msg('office.ledger_closed_column')}</th>
          <th>${ctx.msg('office.ledger_closed_by_column')}</th>
        </tr>
      </thead>
      <tbody>
        ${view.entries.map(
          (e) =>
            html`<tr data-entry="${e.id}" data-closed="${e.closedAt ? 'true' : 'false'}">
              <td>
                ${e.schoolName ?? e.schoolCode}
                ${e.grade !== null ? html`<small class="muted">${ctx.msg('office.ledger_grade', { grade: e.grade })} ${e.className ?? ''}</small>` : ''}
              </td>
              <td>${label(ctx, 'ledger_kind', e.kind)}</td>
              <td>${e.value} / ${e.limit}</td>
              <td>${ctx.date(e.openedAt)}</td>
              <td>
                ${e.closedAt ? ctx.date(e.closedAt) : html`<span class="warn-text">${ctx.msg('office.ledger_open_badge')}</span>`}
              </td>
              <td>
                ${
                  e.closedByImportId
                    ? ctx.msg('office.ledger_closed_by_import', {
                        year: e.closedByYear,
                        version: e.closedByVersion,
                      })
                    : '—'
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  return layout(ctx, {
    title: ctx.msg('office.ledger_title', { county: view.countyName }),
    body,
    wide: true,
  });
}
