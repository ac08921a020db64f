/**
 * A certification plan as a workbook for a county finance office (达标测算表): one row per school with what it
 * adds and what that costs, a total row, the CVs after the plan, and the cost table with the source of each price.
 */
import { translate } from '../../common/i18n/catalog';
import { Workbook } from 'exceljs';
import { listOfReasons, type CertificationPlan } from './certification-planner';
import { ADDITION_KINDS, ADDITION_LABELS_ZH, TEACHER_KINDS, type CostTable } from './cost-table';

const LEVEL_ZH: Record<string, string> = { primary: '小学', junior: '初中', combined: '一贯制' };

export async function buildPlanWorkbook(
  plan: CertificationPlan,
  countyName: string,
  costs: CostTable,
): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '督办 Duban';
  const ws = wb.addWorksheet('达标测算');
  ws.addRow([
    `${countyName}（${plan.county_code}）${plan.school_year} 学年 义务教育优质均衡资源配置达标测算（成本表 ${plan.cost_table}）`,
  ]).font = { bold: true };
  ws.addRow([
    plan.feasible
      ? `最低总成本 ${plan.total_cost_yuan} 元；与最优解相差不超过 ${((plan.optimality_gap ?? 0) * 100).toFixed(2)}%`
      : `未能给出达标方案：${translate('zh-CN', listOfReasons(plan.reasons))}`,
  ]);
  const header = [
    '学校标识码',
    '学校',
    '学段',
    ...ADDITION_KINDS.map((k) => `${ADDITION_LABELS_ZH[k].name}（${ADDITION_LABELS_ZH[k].unit}）`),
    ...TEACHER_KINDS.map((k) => `调入${ADDITION_LABELS_ZH[k].name}（人）`),
    ...TEACHER_KINDS.map((k) => `调出${ADDITION_LABELS_ZH[k].name}（人）`),
    '消除大班额增设班级（个）',
    '消除大班额配备教师（人）',
    '费用（元）',
  ];
  ws.addRow(header).font = { bold: true };
  for (const s of plan.schools) {
    ws.addRow([
      s.school_code,
      s.school_name,
      LEVEL_ZH[s.level] ?? s.level,
      ...ADDITION_KINDS.map((k) => s.additions[k]),
      ...TEACHER_KINDS.map((k) => s.transfers_in[k]),
      ...TEACHER_KINDS.map((k) => s.transfers_out[k]),
      s.large_classes?.extra_classes ?? 0,
      s.large_classes?.teachers ?? 0,
      s.cost_yuan,
    ]);
  }
  const total = ws.addRow(['合计', '', '', ...header.slice(3, -1).map(() => null), plan.total_cost_yuan]);
  total.font = { bold: true };
  ws.getColumn(header.length).numFmt = '#,##0';
  ws.columns.forEach((c, i) => (c.width = i === 1 ? 28 : 14));

  const cv = wb.addWorksheet('实施后差异系数');
  cv.addRow(['学段', '指标', '差异系数', '是否达标']).font = { bold: true };
  for (const level of ['primary', 'junior'] as const) {
    for (const [id, entry] of Object.entries(plan.after.resource_allocation.balance[level])) {
      if (!entry.applicable) continue;
      cv.addRow([
        LEVEL_ZH[level],
        id,
        entry.cv === null ? null : Number(entry.cv.toFixed(3)),
        entry.passed === true ? '达标' : entry.passed === false ? '未达标' : '数据不足',
      ]);
    }
  }

  const prices = wb.addWorksheet('成本表');
  prices.addRow(['项目', '单价（元）', '单位', '来源']).font = { bold: true };
  for (const k of ADDITION_KINDS)
    prices.addRow([
      ADDITION_LABELS_ZH[k].name,
      costs.costs[k].yuan,
      costs.costs[k].unit,
      costs.costs[k].source,
    ]);
  prices.addRow(['交流轮岗（每人）', costs.transfers.yuan_per_teacher, 'teacher', costs.transfers.source]);
  prices.columns.forEach((c, i) => (c.width = i === 3 ? 80 : 18));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
