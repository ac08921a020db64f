import { labelOf } from '../../common/i18n/labels';
import type { CountyData } from '../../indicators/engine/county-data';
import { ADDITION_KINDS, ADDITION_LABELS_ZH } from '../../indicators/planning/cost-table';
import { html, jsonScript, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

const FIELDS = ['students', ...ADDITION_KINDS] as const;
const FIELD_ZH: Record<(typeof FIELDS)[number], string> = {
  students: '在校生（人）',
  ...(Object.fromEntries(
    ADDITION_KINDS.map((k) => [k, `${ADDITION_LABELS_ZH[k].name}（${ADDITION_LABELS_ZH[k].unit}）`]),
  ) as Record<(typeof ADDITION_KINDS)[number], string>),
};

export interface WhatIfView {
  data: CountyData;
  /** Plans the user may publish into (office and admin); null when the user may not publish. */
  plans: { id: string; title: string }[] | null;
}

/** One scenario's result column; what-if.js fills the cells marked data-out. */
function scenarioColumn(ctx: PageContext, key: 'a' | 'b', name: string): SafeHtml {
  return html`<section class="scenario" data-scenario="${key}" aria-live="polite">
    <h2>${name}</h2>
    <label class="inline"
      ><input type="checkbox" data-apply-plan="${key}" /> ${ctx.t('应用达标方案', 'Apply the plan')}</label
    >
    <dl class="facts">
      <dt>${ctx.t('资源配置', 'Resource allocation')}</dt>
      <dd data-out="ra">…</dd>
      <dt>${ctx.t('达标学校（学段）', 'Schools passing')}</dt>
      <dd data-out="schools">…</dd>
      <dt>${ctx.t('班额（消除大班额）', 'Class size')}</dt>
      <dd data-out="classes">…</dd>
      <dt>${ctx.t('改动所需投入', 'Cost of the edits')}</dt>
      <dd data-out="edits">…</dd>
      <dt>${ctx.t('达标尚需投入', 'Still needed to certify')}</dt>
      <dd data-out="remaining">…</dd>
      <dt>${ctx.t('合计投入', 'Total cost')}</dt>
      <dd data-out="total">…</dd>
    </dl>
    <div class="table-scroll">
      <table class="grid compact">
        <caption>
          ${ctx.t('差异系数', 'Coefficients of variation')}
        </caption>
        <thead>
          <tr>
            <th>${ctx.t('学段', 'Level')}</th>
            <th>${ctx.t('指标', 'Indicator')}</th>
            <th>${ctx.t('差异系数', 'CV')}</th>
            <th>${ctx.t('限值', 'Limit')}</th>
          </tr>
        </thead>
        <tbody data-out="cvs"></tbody>
      </table>
    </div>
  </section>`;
}

export function whatIfPage(ctx: PageContext, view: WhatIfView): SafeHtml {
  const { data } = view;
  const county = data.county_name ?? data.county_code;
  const api = `/api/indicators/certification-plan/${data.county_code}/${data.school_year}`;
  const rows = data.schools.filter(
    (s) => s.level === 'primary' || s.level === 'junior' || s.level === 'combined',
  );
  const body = html`
    <p class="hint">
      ${ctx.t(
        '修改任一学校的数据，或勾选“应用达标方案”，即可看到评估结果、差异系数和成本的变化；方案甲、方案乙并列对比。改动只用于测算，不会保存。',
        'Change any school’s figures, or apply the plan, and see the evaluation, CVs and cost change; compare scenarios A and B side by side. Nothing is saved.',
      )}
    </p>
    ${jsonScript('what-if-config', { api })}
    <div class="toolbar">
      <fieldset class="inline">
        <legend>${ctx.t('正在编辑', 'Editing')}</legend>
        <label><input type="radio" name="active" value="a" checked /> ${ctx.t('方案甲', 'Scenario A')}</label>
        <label><input type="radio" name="active" value="b" /> ${ctx.t('方案乙', 'Scenario B')}</label>
      </fieldset>
      <label class="inline"
        >${ctx.t('交流轮岗', 'Teacher transfers')}
        <select name="transfers">
          <option value="none">${ctx.t('不考虑', 'none')}</option>
          <option value="allowed">${ctx.t('允许', 'allowed')}</option>
        </select></label
      >
      <button type="button" data-reset>${ctx.t('恢复原始数据', 'Reset')}</button>
      <a class="button" data-export href="${api}/plan.xlsx"
        >${ctx.t('导出达标测算表（XLSX）', 'Export plan (XLSX)')}</a
      >
    </div>
    <div class="scenarios">
      ${scenarioColumn(ctx, 'a', ctx.t('方案甲', 'Scenario A'))}
      ${scenarioColumn(ctx, 'b', ctx.t('方案乙', 'Scenario B'))}
    </div>
    <p class="error" data-out="error" role="alert" hidden></p>
    <h2>${ctx.t('各学校数据（可修改）', 'School figures (editable)')}</h2>
    <div class="table-scroll">
      <table class="grid compact what-if-schools">
        <thead>
          <tr>
            <th>${ctx.t('学校', 'School')}</th>
            <th>${ctx.t('学段', 'Level')}</th>
            <th>${ctx.t('结果', 'Result')}</th>
            ${FIELDS.map((f) => html`<th>${FIELD_ZH[f]}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${rows.map(
            (s) =>
              html`<tr data-school="${s.school_code}" data-level="${s.level}">
                <th scope="row">${s.school_name}</th>
                <td>${labelOf(ctx.locale, 'level', s.level)}</td>
                <td data-out="verdict">…</td>
                ${FIELDS.map(
                  (f) =>
                    html`<td>
                      <input
                        type="number"
                        min="0"
                        step="any"
                        inputmode="decimal"
                        name="${f}"
                        aria-label="${s.school_name} ${FIELD_ZH[f]}"
                        value="${String(s[f] ?? '')}"
                        data-original="${String(s[f] ?? '')}"
                      />
                    </td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${
      view.plans === null
        ? ''
        : html`<form class="publish" data-publish>
            <h2>${ctx.t('纳入方案', 'Publish into a plan')}</h2>
            <p class="hint">
              ${ctx.t(
                '按当前统计数据的达标方案，分年度生成任务：教师和设备由教育局牵头，场地和校舍由自然资源、住建部门牵头，资金由财政局牵头；期限在创建年份之前，并关联相应指标，下次数据导入时自动附上佐证。',
                'Creates yearly items from the plan of the current statistics, led by the plan’s bureaus, due before the milestone and linked to their indicators.',
              )}
            </p>
            <label
              >${ctx.t('纳入的方案', 'Plan')}
              <select name="planId" required>
                ${view.plans.map((p) => html`<option value="${p.id}">${p.title}</option>`)}
              </select></label
            >
            <label
              >${ctx.t('创建年份（不填则取方案中的时间节点）', 'Certification year (default: the plan’s milestone)')}
              <input type="number" name="milestoneYear" min="2000" max="2100" inputmode="numeric"
            /></label>
            <label
              >${ctx.t('每年预算上限（元，可不填）', 'Yearly budget cap (yuan, optional)')}
              <input type="number" name="budgetYuan" min="1" inputmode="numeric"
            /></label>
            <button type="submit">${ctx.t('纳入方案', 'Publish')}</button>
            <p data-out="published" role="status"></p>
          </form>`
    }
  `;
  return layout(ctx, {
    title: ctx.t(
      `${county} ${data.school_year} 学年 · 达标测算推演`,
      `${county} ${data.school_year} · What-if`,
    ),
    body,
    wide: true,
    scripts: ['/assets/what-if.js'],
  });
}
