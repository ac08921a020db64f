import type { MessageKey } from '../../common/i18n/catalog';
import { labelOf } from '../../common/i18n/labels';
import type { Verdict } from '../../indicators/engine';
import type { EvaluationSummary } from '../../indicators/evaluation-summary';
import type { Dashboard, Milestone } from '../dashboard.service';
import { html, jsonScript, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

const LEDGER_NAMES: Record<string, MessageKey> = {
  large_class: 'leadership.ledger_large_class',
  super_large_class: 'leadership.ledger_super_large_class',
  over_standard_class: 'leadership.ledger_over_standard_class',
  large_school: 'leadership.ledger_large_school',
};

export const SECTION_KEYS = [
  ['resource_allocation', 'leadership.section_resource_allocation'],
  ['government_guarantee', 'leadership.section_government_guarantee'],
  ['education_quality', 'leadership.section_education_quality'],
  ['social_recognition', 'leadership.section_social_recognition'],
] as const;

export function verdictCell(ctx: PageContext, v: Verdict | undefined, href?: string): SafeHtml {
  const cls = v === true ? 'pass' : v === false ? 'fail' : 'unknown';
  const text = labelOf(ctx.locale, 'verdict', v === true ? 'pass' : v === false ? 'fail' : 'unknown');
  return html`<td class="${cls}">${href ? html`<a href="${href}">${text}</a>` : text}</td>`;
}

const sectionVerdict = (e: EvaluationSummary, key: (typeof SECTION_KEYS)[number][0]): Verdict =>
  e[key].passed;

const itemsUrl = (params: Record<string, string>) => `/items?${new URLSearchParams(params).toString()}`;

/** A bar chart tall enough for two lines of label per bar (the legend and axis take the first 60 px). */
const chartHeight = (bars: number): string => `height: ${Math.max(260, 60 + bars * 30)}px`;

/** Completion by plan and by department, as ECharts options (clicking a bar opens the filtered item list). */
export function chartOptions(ctx: PageContext, d: Dashboard) {
  const plans = d.plans.map((p) => {
    const c = p.statusCounts;
    const total = p.itemCount - (c.cancelled ?? 0);
    return { p, total, completed: c.completed ?? 0, overdue: c.overdue ?? 0, submitted: c.submitted ?? 0 };
  });
  const planLinks: Record<string, string> = {};
  plans.forEach((x, i) => {
    planLinks[`0:${i}`] = itemsUrl({ plan: x.p.id, status: 'completed' });
    planLinks[`1:${i}`] = itemsUrl({ plan: x.p.id, status: 'submitted' });
    planLinks[`2:${i}`] = itemsUrl({ plan: x.p.id, status: 'overdue' });
    planLinks[`3:${i}`] = itemsUrl({ plan: x.p.id });
  });
  const bar = (names: string[]) => ({
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      // Every bar keeps its name (ECharts would otherwise skip labels that crowd); long names wrap onto a
      // second line. app.js narrows `width` on a phone.
      axisLabel: { interval: 0, width: 150, overflow: 'break', lineHeight: 13, fontSize: 11 },
      axisTick: { interval: 0 },
    },
  });
  const byPlan = {
    // Two lines of a plan's title at most (the tooltip has the axis name; the legend the colours).
    ...bar(plans.map((x) => (x.p.title.length > 24 ? `${x.p.title.slice(0, 23)}…` : x.p.title))),
    __links: planLinks,
    series: [
      {
        name: labelOf(ctx.locale, 'status', 'completed'),
        type: 'bar',
        stack: 't',
        color: '#2e7d32',
        data: plans.map((x) => x.completed),
      },
      {
        name: labelOf(ctx.locale, 'status', 'submitted'),
        type: 'bar',
        stack: 't',
        color: '#1d5fbf',
        data: plans.map((x) => x.submitted),
      },
      {
        name: labelOf(ctx.locale, 'status', 'overdue'),
        type: 'bar',
        stack: 't',
        color: '#c62828',
        data: plans.map((x) => x.overdue),
      },
      {
        name: ctx.msg('leadership.chart_other_open'),
        type: 'bar',
        stack: 't',
        color: '#b0bec5',
        data: plans.map((x) => Math.max(0, x.total - x.completed - x.submitted - x.overdue)),
      },
    ],
  };
  const deptLinks: Record<string, string> = {};
  d.departments.forEach((x, i) => {
    deptLinks[`0:${i}`] = itemsUrl({ department: x.id, status: 'completed' });
    deptLinks[`1:${i}`] = itemsUrl({ department: x.id, status: 'overdue' });
    deptLinks[`2:${i}`] = itemsUrl({ department: x.id });
  });
  const byDepartment = {
    ...bar(d.departments.map((x) => x.name)),
    __links: deptLinks,
    series: [
      {
        name: labelOf(ctx.locale, 'status', 'completed'),
        type: 'bar',
        stack: 't',
        color: '#2e7d32',
        data: d.departments.map((x) => x.completed),
      },
      {
        name: labelOf(ctx.locale, 'status', 'overdue'),
        type: 'bar',
        stack: 't',
        color: '#c62828',
        data: d.departments.map((x) => x.overdue),
      },
      {
        name: ctx.msg('leadership.chart_other'),
        type: 'bar',
        stack: 't',
        color: '#b0bec5',
        data: d.departments.map((x) => x.total - x.completed - x.overdue),
      },
    ],
  };
  const points = d.ledger?.points ?? [];
  const ledger = {
    animation: false,
    grid: { left: 8, right: 16, top: 28, bottom: 4, containLabel: true },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => `${p.schoolYear}`) },
    yAxis: { type: 'value', minInterval: 1 },
    series: Object.keys(LEDGER_NAMES).map((kind) => ({
      name: ctx.msg(LEDGER_NAMES[kind]),
      type: 'line',
      data: points.map((p) => (p.open ? p.open[kind as keyof typeof p.open] : null)),
    })),
  };
  return { byPlan, byDepartment, ledger };
}

function timeline(ctx: PageContext, milestones: Milestone[]): SafeHtml {
  const years = [...new Set(milestones.map((m) => m.year).filter((y): y is number => y !== null))].sort();
  return html`<div class="timeline">
    ${years.map(
      (y) =>
        html`<div class="tl-year">
          <div class="tl-label">${y}</div>
          ${milestones
            .filter((m) => m.year === y)
            .map(
              (m) =>
                html`<a
                  class="tl-county ${m.item.status === 'completed' ? 'done' : m.item.status === 'overdue' ? 'late' : ''}"
                  href="${m.evaluation ? `/counties/${m.countyCode}/evaluations/${m.evaluation.school_year}` : `/items/${m.item.id}`}"
                >
                  <b>${m.countyName}</b>
                  <small
                    >${m.evaluation ? (m.evaluation.certifiable ? ctx.msg('leadership.milestone_certifiable', { school_year: m.evaluation.school_year }) : ctx.msg('leadership.milestone_not_certifiable', { school_year: m.evaluation.school_year })) : ctx.msg('leadership.milestone_no_evaluation')}</small
                  >
                </a>`,
            )}
        </div>`,
    )}
  </div>`;
}

export function passFailGrid(ctx: PageContext, milestones: Milestone[]): SafeHtml {
  return html`<table class="grid passfail">
    <thead>
      <tr>
        <th>${ctx.msg('leadership.county_column')}</th>
        <th>${ctx.msg('leadership.target_year_column')}</th>
        <th>${ctx.msg('leadership.school_year_column')}</th>
        ${SECTION_KEYS.map(([, name]) => html`<th>${ctx.msg(name)}</th>`)}
        <th>${ctx.msg('leadership.veto_column')}</th>
        <th>${ctx.msg('leadership.certified_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${milestones.map((m) => {
        const e = m.evaluation;
        const href = e ? `/counties/${m.countyCode}/evaluations/${e.school_year}` : undefined;
        return html`<tr>
          <td><a href="/items/${m.item.id}">${m.countyName}</a></td>
          <td>${m.year ?? '—'}</td>
          <td>${e ? e.school_year : '—'}</td>
          ${e ? SECTION_KEYS.map(([key]) => verdictCell(ctx, sectionVerdict(e, key), href)) : SECTION_KEYS.map(() => verdictCell(ctx, null))}
          ${e ? verdictCell(ctx, e.veto.passed, href) : verdictCell(ctx, null)}
          ${e ? verdictCell(ctx, e.certifiable, href) : verdictCell(ctx, null)}
        </tr>`;
      })}
    </tbody>
  </table>`;
}

export function redListTable(ctx: PageContext, d: Dashboard): SafeHtml {
  return html`<table class="grid red-list">
    <thead>
      <tr>
        <th>${ctx.msg('leadership.item_column')}</th>
        <th class="w-plan">${ctx.msg('leadership.lead_department_column')}</th>
        <th class="w-plan">${ctx.msg('leadership.responsible_leader_column')}</th>
        <th class="w-date">${ctx.msg('leadership.due_column')}</th>
        <th class="w-num">${ctx.msg('leadership.days_overdue_column')}</th>
      </tr>
    </thead>
    <tbody>
      ${d.redList.map(
        (i) =>
          html`<tr>
            <td class="ellipsis"><a href="/items/${i.id}" title="${i.title}">${i.number} ${i.title}</a></td>
            <td class="ellipsis">
              ${i.assignments
                .filter((a) => a.role === 'lead')
                .map(
                  (a) =>
                    html`<a href="${itemsUrl({ department: a.departmentId, status: 'overdue' })}"
                      >${a.departmentName}</a
                    > `,
                )}
            </td>
            <td class="ellipsis" data-field="leaders">
              ${(d.responsibleLeaders.get(i.id) ?? []).join('、') || '—'}
            </td>
            <td>${ctx.date(i.effectiveDueOn ?? i.dueOn)}</td>
            <td class="num" data-field="overdue-days">${i.overdueDays}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

export function dashboardPage(ctx: PageContext, d: Dashboard): SafeHtml {
  const totals = d.plans.reduce(
    (acc, p) => {
      acc.total += p.itemCount - (p.statusCounts.cancelled ?? 0);
      acc.completed += p.statusCounts.completed ?? 0;
      acc.overdue += p.statusCounts.overdue ?? 0;
      acc.submitted += p.statusCounts.submitted ?? 0;
      return acc;
    },
    { total: 0, completed: 0, overdue: 0, submitted: 0 },
  );
  const charts = chartOptions(ctx, d);
  const body = html`<div class="tiles">
      <a class="tile grey" href="/items"><b>${totals.total}</b>${ctx.msg('leadership.items_total_tile')}</a>
      <a class="tile green" href="/items?status=completed"
        ><b>${totals.completed}</b>${labelOf(ctx.locale, 'status', 'completed')}</a
      >
      <a class="tile blue" href="/items?status=submitted"
        ><b>${totals.submitted}</b>${labelOf(ctx.locale, 'status', 'submitted')}</a
      >
      <a class="tile red" href="/items?status=overdue"
        ><b>${totals.overdue}</b>${labelOf(ctx.locale, 'status', 'overdue')}</a
      >
      <a class="tile yellow no-print" href="/dashboard/pack"
        >${ctx.msg('leadership.meeting_pack_tile')}<br /><small
          >${ctx.msg('leadership.meeting_pack_tile_hint')}</small
        ></a
      >
    </div>
    <div class="grid2">
      <section class="panel">
        <h2>${ctx.msg('leadership.completion_by_plan_title')}</h2>
        <div class="chart" data-chart="chart-plans" style="${chartHeight(d.plans.length)}"></div>
        ${jsonScript('chart-plans', charts.byPlan)}
      </section>
      <section class="panel">
        <h2>${ctx.msg('leadership.completion_by_department_title')}</h2>
        <div class="chart" data-chart="chart-departments" style="${chartHeight(d.departments.length)}"></div>
        ${jsonScript('chart-departments', charts.byDepartment)}
      </section>
    </div>
    <section class="panel">
      <h2>${ctx.msg('leadership.milestones_title')}</h2>
      ${timeline(ctx, d.milestones)}
    </section>
    <div class="grid2">
      <section class="panel">
        <h2>${ctx.msg('leadership.county_sections_title')}</h2>
        ${passFailGrid(ctx, d.milestones)}
      </section>
      <section class="panel">
        <h2>${ctx.msg('leadership.open_ledger_title')}</h2>
        ${
          d.ledger
            ? d.ledger.points.length
              ? html`<div class="chart" data-chart="chart-ledger"></div>
                  ${jsonScript('chart-ledger', charts.ledger)}`
              : html`<p class="empty">${ctx.msg('leadership.no_statistics_imported')}</p>`
            : html`<p class="empty">${ctx.msg('leadership.ledgers_unavailable')}</p>`
        }
      </section>
    </div>
    <section class="panel">
      <h2>${ctx.msg('leadership.red_list_title')} <span class="count">${d.redList.length}</span></h2>
      ${
        d.redList.length
          ? redListTable(ctx, d)
          : html`<p class="empty">${ctx.msg('leadership.nothing_overdue')}</p>`
      }
    </section>`;
  return layout(ctx, {
    title: ctx.msg('leadership.dashboard_title'),
    body,
    wide: true,
    scripts: ['/assets/echarts.min.js'],
  });
}
