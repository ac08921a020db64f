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
      <h2>${ctx.t('1. 下载模板', '1. Download the template')}</h2>
      <p>
        <a class="button" href="/api/indicators/template.xlsx"
          >${ctx.t('统计数据模板.xlsx', 'Statistics template (XLSX)')}</a
        >
        <small class="muted"
          >${ctx.t('六张表：学校、班级、县、佐证、问卷、监测；也可分别上传 CSV。', 'Six tables: schools, classes, county, attestations, survey, monitoring; CSV files per table also work.')}</small
        >
      </p>
    </section>
    <section class="panel">
      <h2>${ctx.t('2. 上传数据', '2. Upload')}</h2>
      ${view.done ? html`<div class="notice ok" role="status">${ctx.t(`已导入：${view.done}`, `Imported: ${view.done}`)}</div>` : ''}
      ${
        view.issues
          ? html`<div class="notice error" role="alert">
                <b
                  >${ctx.t(`发现 ${view.issueCount ?? view.issues.length} 处问题，未导入任何数据。`, `${view.issueCount ?? view.issues.length} problem(s); nothing was imported.`)}</b
                >
              </div>
              <table class="grid issues">
                <thead>
                  <tr>
                    <th>${ctx.t('文件', 'File')}</th>
                    <th class="w-num">${ctx.t('工作表', 'Sheet')}</th>
                    <th class="w-date">${ctx.t('行', 'Row')}</th>
                    <th>${ctx.t('列', 'Column')}</th>
                    <th>${ctx.t('问题', 'Problem')}</th>
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
              ${view.issueCount && view.issueCount > view.issues.length ? html`<p class="muted">${ctx.t(`另有 ${view.issueCount - view.issues.length} 处未列出`, `… and ${view.issueCount - view.issues.length} more`)}</p>` : ''}`
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
          >${ctx.t('学年（县表未填时）', 'School year (if the county table has none)')}
          <input type="number" name="year" min="2000" max="2100" style="width:90px"
        /></label>
        <button type="submit" class="primary">${ctx.t('校验并导入', 'Validate and import')}</button>
      </form>
    </section>
    <section class="panel">
      <h2>${ctx.t('导入记录', 'Import history')} <span class="count">${view.history.length}</span></h2>
      <table class="grid">
        <thead>
          <tr>
            <th>${ctx.t('县', 'County')}</th>
            <th class="w-date">${ctx.t('学年', 'Year')}</th>
            <th class="w-date">${ctx.t('版本', 'Version')}</th>
            <th class="w-status">${ctx.t('状态', 'Status')}</th>
            <th>${ctx.t('文件', 'Files')}</th>
            <th class="w-plan">${ctx.t('导入时间', 'Imported')}</th>
            <th class="w-status">${ctx.t('评估', 'Evaluation')}</th>
          </tr>
        </thead>
        <tbody>
          ${view.history.map(
            (h) =>
              html`<tr>
                <td>${h.countyName ?? h.countyCode}</td>
                <td>${ctx.t(`${h.schoolYear}学年`, String(h.schoolYear))}</td>
                <td>${ctx.t(`第 ${h.version} 版`, `version ${h.version}`)}</td>
                <td>${label(ctx, 'import_status', h.status)}</td>
                <td class="ellipsis">${h.files.map((f) => f.name).join('、')}</td>
                <td>${ctx.dateTime(h.createdAt)}</td>
                <td>
                  ${
                    h.evaluation
                      ? html`<a href="/counties/${h.countyCode}/evaluations/${h.schoolYear}"
                          >${h.evaluation.certifiable ? ctx.t('可认定', 'certifiable') : ctx.t('查看', 'view')}</a
                        >`
                      : html`<a href="/counties/${h.countyCode}/evaluations/${h.schoolYear}"
                          >${ctx.t('计算中', 'pending')}</a
                        >`
                  }
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  return layout(ctx, { title: ctx.t('统计数据导入', 'Statistics import'), body });
}
