import { html, type SafeHtml } from './html';
import type { PageContext } from './page-context';

/** Rows a page of a workbench list shows: enough to work through, few enough that a page stays light on a phone. */
export const PAGE_SIZE = 20;

export interface PageOf<T> {
  rows: T[];
  /** 1-based, clamped to the pages there are */
  page: number;
  pages: number;
  total: number;
}

/** The page number a query parameter asks for (1 when absent or not a number). */
export function pageNumber(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}

/** One page of a list already in memory. */
export function pageOf<T>(rows: readonly T[], page: number, size = PAGE_SIZE): PageOf<T> {
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const current = Math.min(Math.max(1, page), pages);
  return { rows: rows.slice((current - 1) * size, current * size), page: current, pages, total: rows.length };
}

/**
 * 上一页 · 第 2 / 5 页 · 下一页 under a list; `param` names the list's page in the address, so several lists on
 * one page (the office workbench) page on their own, and `anchor` brings the reader back to the list.
 */
export function pager<T>(ctx: PageContext, list: PageOf<T>, param: string, anchor: string): SafeHtml {
  if (list.pages <= 1) return html``;
  const href = (page: number): string => {
    const url = new URL(ctx.url, 'http://page.invalid');
    if (page === 1) url.searchParams.delete(param);
    else url.searchParams.set(param, String(page));
    return `${url.pathname}${url.search}#${anchor}`;
  };
  return html`<nav class="pager" data-pager="${param}" aria-label="${ctx.msg('shell.pager_label')}">
    ${list.page > 1 ? html`<a href="${href(list.page - 1)}" rel="prev">${ctx.msg('shell.pager_previous')}</a>` : ''}
    <span>${ctx.msg('shell.pager_position', { page: list.page, pages: list.pages, total: list.total })}</span>
    ${list.page < list.pages ? html`<a href="${href(list.page + 1)}" rel="next">${ctx.msg('shell.pager_next')}</a>` : ''}
  </nav>`;
}
