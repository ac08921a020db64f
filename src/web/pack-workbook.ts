import { Workbook } from 'exceljs';
import { formatDate } from '../common/i18n/format';
import type { Dashboard } from './dashboard.service';

const verdict = (v: boolean | null | undefined): string =>
  v === true ? '达标' : v === false ? '未达标' : '数据不足';

/** The meeting pack as a workbook: one sheet per table of the printable page (Chinese headers). */
export async function buildPackWorkbook(d: Dashboard, today: string): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '督办系统';
  const sheet = (name: string, header: string[], rows: Array<Array<string | number | null>>) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([`截至${formatDate('zh-CN', today)}`]);
    ws.addRow(header).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    ws.columns.forEach((c, i) => (c.width = i === 0 ? 48 : 14));
  };
  sheet(
    '各方案完成情况',
    ['方案', '文号', '任务', '已完成', '待审核', '已逾期'],
    d.plans.map((p) => [
      p.title,
      p.docNumber,
      p.itemCount - (p.statusCounts.cancelled ?? 0),
      p.statusCounts.completed ?? 0,
      p.statusCounts.submitted ?? 0,
      p.statusCounts.overdue ?? 0,
    ]),
  );
  sheet(
    '各牵头单位',
    ['单位', '牵头任务', '已完成', '已逾期'],
    d.departments.map((x) => [x.name, x.total, x.completed, x.overdue]),
  );
  sheet(
    '创建县评估',
    [
      '县（市、区）',
      '创建年份',
      '学年',
      '资源配置',
      '政府保障',
      '教育质量',
      '社会认可',
      '否决项',
      '可否认定',
    ],
    d.milestones.map((m) => {
      const e = m.evaluation;
      return [
        m.countyName,
        m.year,
        e?.school_year ?? null,
        verdict(e?.resource_allocation.passed),
        verdict(e?.government_guarantee.passed),
        verdict(e?.education_quality.passed),
        verdict(e?.social_recognition.passed),
        verdict(e?.veto.passed),
        e ? (e.certifiable ? '可认定' : '未达标') : '无数据',
      ];
    }),
  );
  sheet(
    '逾期任务',
    ['任务', '方案', '牵头单位', '责任领导', '期限', '逾期天数'],
    d.redList.map((i) => [
      `${i.number} ${i.title}`,
      i.plan.title,
      i.assignments
        .filter((a) => a.role === 'lead')
        .map((a) => a.departmentName)
        .join('、'),
      (d.responsibleLeaders.get(i.id) ?? []).join('、'),
      i.effectiveDueOn ?? i.dueOn,
      i.overdueDays,
    ]),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
