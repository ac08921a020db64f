import { formatPercent } from '../../common/i18n/format';
import { indicatorLabel, labelOf } from '../../common/i18n/labels';
import { type IndicatorResult, RESOURCE_INDICATORS } from '../../indicators/engine';
import type { EvaluationJson } from '../../indicators/evaluation-workbook';
import { indicatorNote } from '../../indicators/indicator-note';
import { html, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';
import { SECTION_KEYS, verdictCell } from './dashboard.page';

const num = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? '—' : Number(v.toFixed(digits)).toString();

const label = (ctx: PageContext, id: string): string => indicatorLabel(ctx.locale, id);

function indicatorTable(ctx: PageContext, indicators: Record<string, IndicatorResult>): SafeHtml {
  return html`<table class="grid passfail">
    <thead>
      <tr>
        <th class="w-num">${ctx.msg('leadership.indicator_column')}</th>
        <th>${ctx.msg('leadership.county_indicator_content_column')}</th>
        <th class="w-status">${ctx.msg('leadership.result_column')}</th>
        <th>${ctx.msg('leadership.county_indicator_detail_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${Object.entries(indicators).map(
        ([id, r]) =>
          html`<tr>
            <td>${id}</td>
            <td>${label(ctx, id)}</td>
            ${verdictCell(ctx, r.passed)}
            <td>
              ${indicatorNote(ctx.locale, r)}${
                r.offenders?.length
                  ? html`<br /><small
                        >${r.offenders
                          .slice(0, 5)
                          .map(
                            (o) =>
                              `${o.school_name ?? o.school_code}${o.class_name ? ` ${o.class_name}` : ''}: ${num(o.value)} / ${num(o.limit)}`,
                          )
                          .join('；')}${r.offenders.length > 5 ? ` …(+${r.offenders.length - 5})` : ''}</small
                      >`
                  : ''
              }
            </td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function countyPage(ctx: PageContext, e: EvaluationJson): SafeHtml {
  const ra = e.resource_allocation;
  const title = ctx.msg('leadership.county_title', {
    county: e.county_name ?? e.county_code,
    school_year: e.school_year,
  });
  const body = html`<p class="sub">
      ${ctx.msg('leadership.county_rule_set')}
      <span title="${e.rule_set}"
        >${ctx.msg('leadership.county_rule_set_edition', { edition: /^\d{4}/.exec(e.rule_set)?.[0] ?? e.rule_set })}</span
      >
      ·
      <span data-checksum="${e.dataset_checksum}">${ctx.msg('leadership.county_checksum_verified')}</span> ·
      <a href="/api/counties/${e.county_code}/evaluations/${e.school_year}/export.xlsx"
        >${ctx.msg('leadership.export_excel_link')}</a
      >
      ·
      <a href="/counties/${e.county_code}/what-if/${e.school_year}"
        >${ctx.msg('leadership.county_what_if_link')}</a
      >
      ·
      <a href="/counties/${e.county_code}/ledger">${ctx.msg('leadership.county_ledger_link')}</a>
    </p>
    <table class="grid passfail summary">
      <thead>
        <tr>
          ${SECTION_KEYS.map(([, name]) => html`<th>${ctx.msg(name)}</th>`)}
          <th>${ctx.msg('leadership.veto_column')}</th>
          <th>${ctx.msg('leadership.county_certifiable_column')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          ${SECTION_KEYS.map(([key]) => verdictCell(ctx, e[key].passed))}${verdictCell(ctx, e.veto.passed)}${verdictCell(ctx, e.certifiable)}
        </tr>
      </tbody>
    </table>
    ${e.missing.length ? html`<div class="notice warn" role="status"><b>${ctx.msg('leadership.county_missing_data')}：</b>${e.missing.map((m) => html`<span class="chip">${/^[A-Z]\d+$/.test(m) ? `${m} ` : ''}${label(ctx, m)}</span>`)}</div>` : ''}
    ${
      e.warnings.length
        ? html`<div class="notice info">
            <ul>
              ${e.warnings.map((w) => html`<li data-code="${w.code}">${ctx.locale === 'en' ? w.message : labelOf(ctx.locale, 'evaluation_warning', w.code)}${w.school_code ? html` <small>${schoolName(e, w.school_code)}</small>` : ''}</li>`)}
            </ul>
          </div>`
        : ''
    }
    <section class="panel">
      <h2>
        ${ctx.msg('leadership.county_resources_title')}
        <span class="count">${ra.schools.length}</span>
      </h2>
      <table class="grid schools">
        <thead>
          <tr>
            <th class="w-school">${ctx.msg('leadership.school_column')}</th>
            <th class="w-lvl">${ctx.msg('leadership.level_column')}</th>
            <th class="num w-stu">${ctx.msg('leadership.county_students_column')}</th>
            ${RESOURCE_INDICATORS.map((r) => html`<th class="num" title="${label(ctx, r)}">${r}</th>`)}
            <th class="w-res">${ctx.msg('leadership.county_school_passed_column')}</th>
          </tr>
        </thead>
        <tbody>
          ${ra.schools.map(
            (s) =>
              html`<tr>
                <td class="ellipsis" title="${s.school_code}">${s.school_name}</td>
                <td>${labelOf(ctx.locale, 'level', s.level)}</td>
                <td class="num">${s.students}</td>
                ${RESOURCE_INDICATORS.map((r) => {
                  const met = s.met.includes(r);
                  const gap = s.gaps.find((g) => g.indicator === r);
                  const value = s.values[r];
                  return met
                    ? html`<td class="num">${num(value)}</td>`
                    : html`<td
                        class="num cell-fail"
                        data-fail="${r}"
                        title="${gap ? (ctx.locale === 'en' ? gap.message_en : gap.message_zh) : ''}"
                      >
                        ${num(value)}<span class="gap"
                          >${gap ? html`≥${num(gap.threshold)} ${ctx.msg('leadership.county_gap_needed')} ${gap.absolute_needed}` : value === null ? ctx.msg('leadership.county_value_missing') : ''}</span
                        >
                      </td>`;
                })}${verdictCell(ctx, s.passed)}
              </tr>`,
          )}
        </tbody>
      </table>
      ${ra.excluded.length ? html`<p class="muted">${ctx.msg('leadership.county_not_counted')}：${ra.excluded.map((x) => `${x.school_name}（${labelOf(ctx.locale, 'exclusion', x.reason)}${x.merged_into ? ` ${schoolName(e, x.merged_into)}` : ''}）`).join('；')}</p>` : ''}
    </section>
    <section class="panel">
      <h2>${ctx.msg('leadership.county_cv_title')}</h2>
      <table class="grid passfail">
        <thead>
          <tr>
            <th>${ctx.msg('leadership.level_column')}</th>
            ${RESOURCE_INDICATORS.map((r) => html`<th title="${label(ctx, r)}">${r}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${Object.entries(ra.balance).map(
            ([level, byIndicator]) =>
              html`<tr>
                <td>${labelOf(ctx.locale, 'level', level)}</td>
                ${RESOURCE_INDICATORS.map((r) => {
                  const b = byIndicator[r];
                  const cls = !b.applicable || b.passed === null ? 'unknown' : b.passed ? 'pass' : 'fail';
                  return html`<td class="${cls}">
                    ${b.cv === null ? '—' : b.cv_display} <small>≤ ${b.limit}</small>
                  </td>`;
                })}
              </tr>`,
          )}
        </tbody>
      </table>
    </section>
    <div class="grid2">
      <section class="panel">
        <h2>${ctx.msg('leadership.county_government_title')}</h2>
        ${indicatorTable(ctx, e.government_guarantee.indicators)}
      </section>
      <section class="panel">
        <h2>${ctx.msg('leadership.county_quality_title')}</h2>
        ${indicatorTable(ctx, e.education_quality.indicators)}
        <h2 style="margin-top:10px">${ctx.msg('leadership.county_recognition_title')}</h2>
        <p>
          ${ctx.msg('leadership.county_satisfaction')}
          ${formatPercent(e.social_recognition.rate, 1)}（${ctx.msg('leadership.county_satisfaction_threshold')}
          ${formatPercent(e.social_recognition.threshold)}，${ctx.msg('leadership.county_respondents')}
          ${e.social_recognition.respondents}）
        </p>
        <h2>${ctx.msg('leadership.county_veto_title')}</h2>
        <p>
          ${e.veto.triggered.length ? html`<span class="fail-text">${e.veto.triggered.map((v) => `${v} ${label(ctx, v)}`).join('；')}</span>` : ctx.msg('leadership.county_no_veto')}
        </p>
      </section>
    </div>`;
  return layout(ctx, { title, body, wide: true });
}

/** A school of the evaluation by name (warnings and exclusions carry codes). */
function schoolName(e: EvaluationJson, code: string): string {
  return (
    e.resource_allocation.schools.find((s) => s.school_code === code)?.school_name ??
    e.resource_allocation.excluded.find((s) => s.school_code === code)?.school_name ??
    code
  );
}
