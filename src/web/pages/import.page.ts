import type { Message } from '../../common/i18n/catalog';
import type { ImportIssue } from '../../indicators/import/import-issues';
import type { ImportView } from '../../indicators/statistics.service';
import { label } from '../components';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

export interface ImportPageView {
  history: ImportView[];
  issues?: ImportIssue[];
  issueCount?: number;
  notices?: Message[];
  done?: string | null;
}

export function importPage(ctx: PageContext, view: ImportPageView): SafeHtml {
  const body = html`<section class="panel">
      <h2>${ctx.msg('items.import_download_template_title')}</h2>
      <p>
        <a class="button" href="/api/indicators/template.xlsx">${ctx.msg('items.import_template_link')}</a>
        <small class="muted">${ctx.msg('items.import_template_hint')}</small>
      </p>
    </section>
    <section class="panel">
      <h2>${ctx.msg('items.import_upload_title')}</h2>
      ${view.done ? html`<div class="notice ok" role="status">${ctx.msg('items.import_done_notice', { imports: view.done })}</div>` : ''}
      ${
        view.issues
          ? html`<div class="notice error" role="alert">
                <b
                  >${ctx.msg('items.import_refused_notice', { count: view.issueCount ?? view.issues.length })}</b
                >
              </div>
              <table class="grid issues">
                <thead>
                  <tr>
                    <th>${ctx.msg('items.import_file_header')}</th>
                    <th class="w-num">${ctx.msg('items.import_sheet_header')}</th>
                    <th class="w-date">${ctx.msg('items.import_row_header')}</th>
                    <th>${ctx.msg('items.import_column_header')}</th>
                    <th>${ctx.msg('items.import_problem_header')}</th>
                  </tr>
                </thead>
                <tbody>
                  ${view.issues.map(
                    (i) =>
                      html`<tr>
                        <td>${i.file ?? ''}</td>
                        <td>${i.sheet ?? ''}</td>
                        <td>${i.row ?? ''}</td>
                        <td>${i.column ? ctx.msg(i.column) : ''}</td>
                        <td>${ctx.msg(i.message)}</td>
                      </tr>`,
                  )}
                </tbody>
              </table>
              ${view.issueCount && view.issueCount > view.issues.length ? html`<p class="muted">${ctx.msg('items.import_more_problems', { count: view.issueCount - view.issues.length })}</p>` : ''}`
          : ''
      }
      ${
        view.notices?.length
          ? html`<div class="notice info">
              <ul>
                ${view.notices.map((n) => html`<li>${ctx.msg(n)}</li>`)}
              </ul>
            </div>`
          : ''
      }
      <form method="post" action="/import" enctype="multipart/form-data" class="filters">
        <input type="file" name="files" multiple required accept=".xlsx,.csv" />
        <label class="inline"
          >${ctx.msg('items.import_school_year_label')}
          <input type="number" name="year" min="2000" max="2100" style="width:90px"
        /></label>
        <button type="submit" class="primary">${ctx.msg('items.import_submit_button')}</button>
      </form>
    </section>
    <section class="panel">
      <h2>${ctx.msg('items.import_history_title')} <span class="count">${view.history.length}</span></h2>
      <table class="grid">
        <thead>
          <tr>
            <th>${ctx.msg('items.county_header')}</th>
            <th class="w-date">${ctx.msg('items.school_year_header')}</th>
            <th class="w-date">${ctx.msg('items.import_version_header')}</th>
            <th class="w-status">${ctx.msg('items.status_header')}</th>
            <th>${ctx.msg('items.import_files_header')}</th>
            <th class="w-plan">${ctx.msg('items.imported_at_header')}</th>
            <th class="w-status">${ctx.msg('items.evaluation_header')}</th>
          </tr>
        </thead>
        <tbody>
          ${view.history.map(
            (h) =>
              html`<tr>
                <td>${h.countyName ?? h.countyCode}</td>
                <td>${ctx.msg('items.school_year', { year: h.schoolYear })}</td>
                <td>${ctx.msg('items.import_version', { version: h.version })}</td>
                <td>${label(ctx, 'import_status', h.status)}</td>
                <td class="ellipsis">${h.files.map((f) => f.name).join('、')}</td>
                <td>${ctx.dateTime(h.createdAt)}</td>
                <td>
                  ${
                    h.evaluation
                      ? html`<a href="/counties/${h.countyCode}/evaluations/${h.schoolYear}"
                          >${h.evaluation.certifiable ? ctx.msg('items.evaluation_certifiable_link') : ctx.msg('items.evaluation_view_link')}</a
                        >`
                      : html`<a href="/counties/${h.countyCode}/evaluations/${h.schoolYear}"
                          >${ctx.msg('items.evaluation_pending_link')}</a
                        >`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  return layout(ctx, { title: ctx.msg('items.import_title'), body });
}
