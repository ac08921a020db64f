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
  const body = html`<p class="sub">
      ${ctx.t(`在册 ${open} 条，已销号 ${closed} 条`, `${open} open, ${closed} closed`)}
    </p>
    ${hints.map(
      (h) =>
        html`<div class="notice warn" data-hint="${h.itemId}" role="note">
          <a href="/items/${h.itemId}">${h.title}</a>：
          ${
            h.evidencePassed
              ? ctx.t('指标已达标（可认定），', 'the indicator evidence passes, ')
              : ctx.t('指标尚未达标；此外，', 'the indicator does not pass yet; besides, ')
          }
          ${ctx.t('尚不能办结，原因是：', 'it cannot be closed because: ')}
          ${h.waitingFor.map(
            (w) =>
              html`<strong>${ctx.msg(w.message)}</strong>${
                  w.ownCounty ? ctx.t('（本县自己的报告）', ' (the county’s own report)') : ''
                }；`,
          )}
        </div>`,
    )}
    <table class="grid" id="ledger">
      <thead>
        <tr>
          <th>${ctx.t('学校', 'School')}</th>
          <th>${ctx.t('指标', 'Indicator')}</th>
          <th class="w-num">${ctx.t('人数/上限', 'Value / limit')}</th>
          <th class="w-date">${ctx.t('列入', 'Opened')}</th>
          <th class="w-date">${ctx.t('销号', 'Closed')}</th>
          <th>${ctx.t('销号依据', 'Closed by')}</th>
        </tr>
      </thead>
      <tbody>
        ${view.entries.map(
          (e) =>
            html`<tr data-entry="${e.id}" data-closed="${e.closedAt ? 'true' : 'false'}">
              <td>
                ${e.schoolName ?? e.schoolCode}
                ${e.grade !== null ? html`<small class="muted">${e.grade}${ctx.t('年级', '')} ${e.className ?? ''}</small>` : ''}
              </td>
              <td>${label(ctx, 'ledger_kind', e.kind)}</td>
              <td>${e.value} / ${e.limit}</td>
              <td>${ctx.date(e.openedAt)}</td>
              <td>
                ${e.closedAt ? ctx.date(e.closedAt) : html`<span class="warn-text">${ctx.t('在册', 'Open')}</span>`}
              </td>
              <td>
                ${
                  e.closedByImportId
                    ? ctx.t(
                        `${e.closedByYear} 学年统计数据（第 ${e.closedByVersion} 版）导入`,
                        `import of school year ${e.closedByYear} (version ${e.closedByVersion})`,
                      )
                    : '—'
                }
              </td>
            </tr>`,
        )}
      </tbody>
    </table>`;
  return layout(ctx, {
    title: ctx.t(`${view.countyName} 台账`, `${view.countyName} ledger`),
    body,
    wide: true,
  });
}
