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
      ><input type="checkbox" data-apply-plan="${key}" /> ${ctx.msg('leadership.what_if_apply_plan')}</label
    >
    <dl class="facts">
      <dt>${ctx.msg('leadership.what_if_resource_allocation')}</dt>
      <dd data-out="ra">…</dd>
      <dt>${ctx.msg('leadership.what_if_schools_passing')}</dt>
      <dd data-out="schools">…</dd>
      <dt>${ctx.msg('leadership.what_if_class_size')}</dt>
      <dd data-out="classes">…</dd>
      <dt>${ctx.msg('leadership.what_if_edits_cost')}</dt>
      <dd data-out="edits">…</dd>
      <dt>${ctx.msg('leadership.what_if_remaining_cost')}</dt>
      <dd data-out="remaining">…</dd>
      <dt>${ctx.msg('leadership.what_if_total_cost')}</dt>
      <dd data-out="total">…</dd>
    </dl>
    <div class="table-scroll">
      <table class="grid compact">
        <caption>
          ${ctx.msg('leadership.what_if_cv_caption')}
        </caption>
        <thead>
          <tr>
            <th>${ctx.msg('leadership.level_column')}</th>
            <th>${ctx.msg('leadership.indicator_column')}</th>
            <th>${ctx.msg('leadership.what_if_cv_column')}</th>
            <th>${ctx.msg('leadership.what_if_limit_column')}</th>
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
    <p class="hint">${ctx.msg('leadership.what_if_hint')}</p>
    ${jsonScript('what-if-config', { api })}
    <div class="toolbar">
      <fieldset class="inline">
        <legend>${ctx.msg('leadership.what_if_editing_legend')}</legend>
        <label
          ><input type="radio" name="active" value="a" checked />
          ${ctx.msg('leadership.what_if_scenario_a')}</label
        >
        <label
          ><input type="radio" name="active" value="b" /> ${ctx.msg('leadership.what_if_scenario_b')}</label
        >
      </fieldset>
      <label class="inline"
        >${ctx.msg('leadership.what_if_transfers')}
        <select name="transfers">
          <option value="none">${ctx.msg('leadership.what_if_transfers_none')}</option>
          <option value="allowed">${ctx.msg('leadership.what_if_transfers_allowed')}</option>
        </select></label
      >
      <button type="button" data-reset>${ctx.msg('leadership.what_if_reset_button')}</button>
      <a class="button" data-export href="${api}/plan.xlsx">${ctx.msg('leadership.what_if_export_plan')}</a>
    </div>
    <div class="scenarios">
      ${scenarioColumn(ctx, 'a', ctx.msg('leadership.what_if_scenario_a'))}
      ${scenarioColumn(ctx, 'b', ctx.msg('leadership.what_if_scenario_b'))}
    </div>
    <p class="error" data-out="error" role="alert" hidden></p>
    <h2>${ctx.msg('leadership.what_if_school_figures_title')}</h2>
    <div class="table-scroll">
      <table class="grid compact what-if-schools">
        <thead>
          <tr>
            <th>${ctx.msg('leadership.school_column')}</th>
            <th>${ctx.msg('leadership.level_column')}</th>
            <th>${ctx.msg('leadership.result_column')}</th>
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
            <h2>${ctx.msg('leadership.what_if_publish_title')}</h2>
            <p class="hint">${ctx.msg('leadership.what_if_publish_hint')}</p>
            <label
              >${ctx.msg('leadership.what_if_publish_plan')}
              <select name="planId" required>
                ${view.plans.map((p) => html`<option value="${p.id}">${p.title}</option>`)}
              </select></label
            >
            <label
              >${ctx.msg('leadership.what_if_milestone_year')}
              <input type="number" name="milestoneYear" min="2000" max="2100" inputmode="numeric"
            /></label>
            <label
              >${ctx.msg('leadership.what_if_budget_cap')}
              <input type="number" name="budgetYuan" min="1" inputmode="numeric"
            /></label>
            <button type="submit">${ctx.msg('leadership.what_if_publish_button')}</button>
            <p data-out="published" role="status"></p>
          </form>`
    }
  `;
  return layout(ctx, {
    title: ctx.msg('leadership.what_if_title', { county, school_year: data.school_year }),
    body,
    wide: true,
    scripts: ['/assets/what-if.js'],
  });
}
