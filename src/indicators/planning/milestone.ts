/**
 * The county's certification milestone (创建年份) as a plan file states it: the milestone item measured by CERT
 * whose lead department belongs to the county (银川's schedule: "——2026年兴庆区", led by 兴庆区人民政府). Pure.
 */
import type { PlanFile } from '../../plans/plan-file.schema';
import { flattenPlanItems } from '../../plans/plan-file.schema';

export interface CertificationMilestone {
  ref: string;
  title: string;
  /** The milestone's due date (YYYY-MM-DD) and its year. */
  due: string;
  year: number;
}

export function certificationMilestone(plan: PlanFile, countyCode: string): CertificationMilestone | null {
  const countyDepartments = new Set(
    plan.departments.filter((d) => d.region === countyCode).flatMap((d) => [d.ref, d.name ?? d.ref]),
  );
  for (const { item } of flattenPlanItems(plan.items)) {
    if (item.kind !== 'milestone' || item.indicator !== 'CERT' || !item.due?.date) continue;
    if (!item.lead.some((lead) => countyDepartments.has(lead))) continue;
    return { ref: item.ref, title: item.title, due: item.due.date, year: Number(item.due.date.slice(0, 4)) };
  }
  return null;
}
