import type { Verdict } from '../../indicators/engine';
import type { EvaluationSummary } from '../../indicators/evaluation-summary';
import type { Dashboard, Milestone } from '../dashboard.service';
import { html, jsonScript, type SafeHtml } from '../html';
import { layout } from '../layout';
import type { PageContext } from '../page-context';

const LEDGER_NAMES: Record<string, [string, string]> = {
  large_class: ['大班额', 'Large classes'],
  super_large_class: ['超大班额', 'Super-large classes'],
  over_standard_class: ['超标准班额', 'Over-standard classes'],
  large_school: ['超规模学校', 'Over-size schools'],
};

export const SECTION_KEYS = [
  ['resource_allocation', '资源配置', 'Resources'],
  ['government_guarantee', '政府保障', 'Government'],
  ['education_quality', '教育质量', 'Quality'],
  ['social_recognition', '社会认可', 'Recognition'],
] as const;

export function verdictCell(ctx: PageContext, v: Verdict | undefined, href?: string): SafeHtml {
  const cls = v === true ? 'pass' : v === false ? 'fail' : 'unknown';
  const text =
    v === true ? ctx.t('达标', 'Pass') : v === false ? ctx.t('未达标', 'Fail') : ctx.t('数据不足', 'No data');
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
        name: ctx.t('已完成', 'Completed'),
        type: 'bar',
        stack: 't',
        color: '#2e7d32',
        data: plans.map((x) => x.completed),
      },
      {
        name: ctx.t('待审核', 'In review'),
        type: 'bar',
        stack: 't',
        color: '#1d5fbf',
        data: plans.map((x) => x.submitted),
      },
      {
        name: ctx.t('已逾期', 'Overdue'),
        type: 'bar',
        stack: 't',
        color: '#c62828',
        data: plans.map((x) => x.overdue),
      },
      {
        name: ctx.t('其他在办', 'Other open'),
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
        name: ctx.t('已完成', 'Completed'),
        type: 'bar',
        stack: 't',
        color: '#2e7d32',
        data: d.departments.map((x) => x.completed),
      },
      {
        name: ctx.t('已逾期', 'Overdue'),
        type: 'bar',
        stack: 't',
        color: '#c62828',
        data: d.departments.map((x) => x.overdue),
      },
      {
        name: ctx.t('其他', 'Other'),
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
      name: ctx.t(...LEDGER_NAMES[kind]),
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
                    >${m.evaluation ? (m.evaluation.certifiable ? ctx.t(`${m.evaluation.school_year} 学年评估：可认定`, `${m.evaluation.school_year}: certifiable`) : ctx.t(`${m.evaluation.school_year} 学年评估：未达标`, `${m.evaluation.school_year}: not yet`)) : ctx.t('暂无评估数据', 'No evaluation yet')}</small
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
        <th>${ctx.t('县（市、区）', 'County')}</th>
        <th>${ctx.t('创建年份', 'Target year')}</th>
        <th>${ctx.t('学年', 'School year')}</th>
        ${SECTION_KEYS.map(([, zh, en]) => html`<th>${ctx.t(zh, en)}</th>`)}
        <th>${ctx.t('否决项', 'Veto')}</th>
        <th>${ctx.t('认定', 'Certifiable')}</th>
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
        <th>${ctx.t('任务', 'Item')}</th>
        <th class="w-plan">${ctx.t('牵头单位', 'Lead')}</th>
        <th class="w-plan">${ctx.t('责任领导', 'Responsible leader')}</th>
        <th class="w-date">${ctx.t('期限', 'Due')}</th>
        <th class="w-num">${ctx.t('逾期天数', 'Days overdue')}</th>
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
            <td>${i.effectiveDueOn ?? i.dueOn}</td>
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
      <a class="tile grey" href="/items"><b>${totals.total}</b>${ctx.t('任务总数', 'Items')}</a>
      <a class="tile green" href="/items?status=completed"
        ><b>${totals.completed}</b>${ctx.t('已完成', 'Completed')}</a
      >
      <a class="tile blue" href="/items?status=submitted"
        ><b>${totals.submitted}</b>${ctx.t('待审核', 'In review')}</a
      >
      <a class="tile red" href="/items?status=overdue"
        ><b>${totals.overdue}</b>${ctx.t('已逾期', 'Overdue')}</a
      >
      <a class="tile yellow no-print" href="/dashboard/pack"
        >${ctx.t('调度会材料', 'Meeting pack')}<br /><small
          >${ctx.t('打印 / 导出 Excel', 'Print / Excel')}</small
        ></a
      >
    </div>
    <div class="grid2">
      <section class="panel">
        <h2>${ctx.t('各方案完成情况', 'Completion by plan')}</h2>
        <div class="chart" data-chart="chart-plans" style="${chartHeight(d.plans.length)}"></div>
        ${jsonScript('chart-plans', charts.byPlan)}
      </section>
      <section class="panel">
        <h2>${ctx.t('各牵头单位完成情况', 'Completion by lead department')}</h2>
        <div class="chart" data-chart="chart-departments" style="${chartHeight(d.departments.length)}"></div>
        ${jsonScript('chart-departments', charts.byDepartment)}
      </section>
    </div>
    <section class="panel">
      <h2>${ctx.t('创建时间表（认定节点）', 'Certification milestones')}</h2>
      ${timeline(ctx, d.milestones)}
    </section>
    <div class="grid2">
      <section class="panel">
        <h2>${ctx.t('各县评估四个方面', 'Evaluation sections by county')}</h2>
        ${passFailGrid(ctx, d.milestones)}
      </section>
      <section class="panel">
        <h2>${ctx.t('台账未销号数量', 'Open ledger entries over time')}</h2>
        ${
          d.ledger
            ? d.ledger.points.length
              ? html`<div class="chart" data-chart="chart-ledger"></div>
                  ${jsonScript('chart-ledger', charts.ledger)}`
              : html`<p class="empty">${ctx.t('尚未导入统计数据', 'No statistics imported yet')}</p>`
            : html`<p class="empty">${ctx.t('台账模块不可用', 'Ledgers are not available')}</p>`
        }
      </section>
    </div>
    <section class="panel">
      <h2>
        ${ctx.t('红榜：逾期任务', 'Red list: overdue items')} <span class="count">${d.redList.length}</span>
      </h2>
      ${
        d.redList.length
          ? redListTable(ctx, d)
          : html`<p class="empty">${ctx.t('没有逾期任务', 'Nothing is overdue')}</p>`
      }
    </section>`;
  return layout(ctx, {
    title: ctx.t('领导看板', 'Leadership dashboard'),
    body,
    wide: true,
    scripts: ['/assets/echarts.min.js'],
  });
}
