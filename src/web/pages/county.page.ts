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
        <th class="w-num">${ctx.t('指标', 'Indicator')}</th>
        <th>${ctx.t('内容', 'What')}</th>
        <th class="w-status">${ctx.t('结果', 'Result')}</th>
        <th>${ctx.t('说明', 'Detail')}</th>
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
  const title = ctx.t(
    `${e.county_name ?? e.county_code} ${e.school_year} 学年优质均衡评估`,
    `${e.county_name ?? e.county_code} evaluation, school year ${e.school_year}`,
  );
  const body = html`<p class="sub">
      ${ctx.t('评估标准', 'Rule set')}
      <span title="${e.rule_set}"
        >${ctx.t(`${/^\d{4}/.exec(e.rule_set)?.[0] ?? e.rule_set}年版`, e.rule_set)}</span
      >
      ·
      <span data-checksum="${e.dataset_checksum}">${ctx.t('数据版本已校验', 'Data checksum')}</span> ·
      <a href="/api/counties/${e.county_code}/evaluations/${e.school_year}/export.xlsx"
        >${ctx.t('导出 Excel', 'Export XLSX')}</a
      >
      ·
      <a href="/counties/${e.county_code}/what-if/${e.school_year}">${ctx.t('达标测算推演', 'What-if')}</a> ·
      <a href="/counties/${e.county_code}/ledger">${ctx.t('台账', 'Ledger')}</a>
    </p>
    <table class="grid passfail summary">
      <thead>
        <tr>
          ${SECTION_KEYS.map(([, zh, en]) => html`<th>${ctx.t(zh, en)}</th>`)}
          <th>${ctx.t('否决项', 'Veto')}</th>
          <th>${ctx.t('可否认定', 'Certifiable')}</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          ${SECTION_KEYS.map(([key]) => verdictCell(ctx, e[key].passed))}${verdictCell(ctx, e.veto.passed)}${verdictCell(ctx, e.certifiable)}
        </tr>
      </tbody>
    </table>
    ${e.missing.length ? html`<div class="notice warn" role="status"><b>${ctx.t('缺少数据，无法判定', 'Missing data, not decided')}：</b>${e.missing.map((m) => html`<span class="chip">${/^[A-Z]\d+$/.test(m) ? `${m} ` : ''}${label(ctx, m)}</span>`)}</div>` : ''}
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
        ${ctx.t('一、资源配置：各校七项指标', 'Resources: seven indicators per school')}
        <span class="count">${ra.schools.length}</span>
      </h2>
      <table class="grid schools">
        <thead>
          <tr>
            <th class="w-school">${ctx.t('学校', 'School')}</th>
            <th class="w-lvl">${ctx.t('学段', 'Level')}</th>
            <th class="num w-stu">${ctx.t('学生', 'Students')}</th>
            ${RESOURCE_INDICATORS.map((r) => html`<th class="num" title="${label(ctx, r)}">${r}</th>`)}
            <th class="w-res">${ctx.t('达标', 'Pass')}</th>
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
                        title="${gap ? ctx.t(gap.message_zh, gap.message_en) : ''}"
                      >
                        ${num(value)}<span class="gap"
                          >${gap ? html`≥${num(gap.threshold)} ${ctx.t('差', 'need')} ${gap.absolute_needed}` : value === null ? ctx.t('缺数据', 'no data') : ''}</span
                        >
                      </td>`;
                })}${verdictCell(ctx, s.passed)}
              </tr>`,
          )}
        </tbody>
      </table>
      ${ra.excluded.length ? html`<p class="muted">${ctx.t('未纳入计算', 'Not counted')}：${ra.excluded.map((x) => `${x.school_name}（${labelOf(ctx.locale, 'exclusion', x.reason)}${x.merged_into ? ` ${schoolName(e, x.merged_into)}` : ''}）`).join('；')}</p>` : ''}
    </section>
    <section class="panel">
      <h2>${ctx.t('校际差异系数', 'Coefficient of variation between schools')}</h2>
      <table class="grid passfail">
        <thead>
          <tr>
            <th>${ctx.t('学段', 'Level')}</th>
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
        <h2>${ctx.t('二、政府保障程度', 'Government guarantee')}</h2>
        ${indicatorTable(ctx, e.government_guarantee.indicators)}
      </section>
      <section class="panel">
        <h2>${ctx.t('三、教育质量', 'Education quality')}</h2>
        ${indicatorTable(ctx, e.education_quality.indicators)}
        <h2 style="margin-top:10px">${ctx.t('四、社会认可度', 'Social recognition')}</h2>
        <p>
          ${ctx.t('满意度', 'Satisfaction')}
          ${formatPercent(e.social_recognition.rate, 1)}（${ctx.t('标准', 'threshold')}
          ${formatPercent(e.social_recognition.threshold)}，${ctx.t('样本', 'respondents')}
          ${e.social_recognition.respondents}）
        </p>
        <h2>${ctx.t('否决项', 'Veto items')}</h2>
        <p>
          ${e.veto.triggered.length ? html`<span class="fail-text">${e.veto.triggered.map((v) => `${v} ${label(ctx, v)}`).join('；')}</span>` : ctx.t('未触发', 'None triggered')}
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
