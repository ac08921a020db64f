/**
 * The evaluation of one county as an XLSX workbook for people: a summary, then one sheet per section, the
 * coefficients of variation and every gap. Failing cells are filled red, undecided ones amber.
 */
import { Workbook, type Cell, type Worksheet } from 'exceljs';
import {
  INDICATOR_LABELS,
  LEVELS,
  RESOURCE_INDICATORS,
  type CountyEvaluation,
  type IndicatorResult,
  type Verdict,
} from './engine';

export type EvaluationJson = CountyEvaluation & { dataset_checksum: string };

export const SHEET_NAMES = {
  summary: '汇总 Summary',
  resources: '资源配置 Resources',
  cv: '差异系数 CV',
  gaps: '差距 Gaps',
  government: '政府保障 Government',
  quality: '教育质量 Quality',
  recognition: '社会认可 Recognition',
  veto: '一票否决 Veto',
} as const;

export const FAIL_ARGB = 'FFFFC7CE';
const FAIL_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: FAIL_ARGB } } as const;
const UNKNOWN_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;
const LEVEL_ZH = { primary: '小学', junior: '初中' } as const;

const verdictText = (v: Verdict): string =>
  v === true ? '通过 passed' : v === false ? '未通过 failed' : '待定 undecided';

function mark(cell: Cell, verdict: Verdict): void {
  if (verdict === false) cell.fill = FAIL_FILL;
  else if (verdict === null) cell.fill = UNKNOWN_FILL;
}

function sheet(workbook: Workbook, name: string, headers: string[], widths: number[]): Worksheet {
  const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 14 }));
  ws.getRow(1).font = { bold: true };
  ws.getRow(1).eachCell((c) => (c.fill = HEADER_FILL));
  return ws;
}

function summarySheet(wb: Workbook, e: EvaluationJson): void {
  const ws = sheet(wb, SHEET_NAMES.summary, ['项目 Item', '结果 Result'], [34, 70]);
  ws.addRow(['县区 County', `${e.county_name ?? ''}（${e.county_code}）`]);
  ws.addRow(['学年 School year', e.school_year]);
  ws.addRow(['规则 Rule set', e.rule_set]);
  ws.addRow(['数据校验和 Dataset checksum', e.dataset_checksum]);
  const sections: Array<[string, Verdict]> = [
    ['资源配置 Resource allocation', e.resource_allocation.passed],
    ['政府保障程度 Government guarantee', e.government_guarantee.passed],
    ['教育质量 Education quality', e.education_quality.passed],
    ['社会认可度 Social recognition', e.social_recognition.passed],
    ['一票否决 Veto', e.veto.passed],
  ];
  for (const [label, verdict] of sections) mark(ws.addRow([label, verdictText(verdict)]).getCell(2), verdict);
  const cert = ws.addRow(['具备认定条件 Certifiable', e.certifiable ? '是 yes' : '否 no']);
  mark(cert.getCell(2), e.certifiable);
  ws.addRow(['缺少数据 Missing', e.missing.join(', ') || '无 none']);
  for (const w of e.warnings) ws.addRow(['注意 Warning', w.message]);
}

function resourcesSheet(wb: Workbook, e: EvaluationJson): void {
  const ws = sheet(
    wb,
    SHEET_NAMES.resources,
    [
      '学校标识码 School code',
      '学校名称 School',
      '学段 Level',
      '学生数 Students',
      ...RESOURCE_INDICATORS,
      '达标项 Met',
      '结论 Verdict',
      '分摊 Apportioned',
    ],
    [16, 28, 10, 10, 9, 9, 9, 9, 9, 11, 9, 8, 16, 10],
  );
  for (const s of e.resource_allocation.schools) {
    const row = ws.addRow([
      s.school_code,
      s.school_name,
      LEVEL_ZH[s.level],
      s.students,
      ...RESOURCE_INDICATORS.map((id) => s.values[id]),
      s.met.length,
      verdictText(s.passed),
      s.apportioned ? '是' : '',
    ]);
    RESOURCE_INDICATORS.forEach((id, i) => {
      if (s.gaps.some((g) => g.indicator === id)) row.getCell(5 + i).fill = FAIL_FILL;
    });
    mark(row.getCell(5 + RESOURCE_INDICATORS.length + 1), s.passed);
  }
  const total = ws.addRow([
    '',
    '资源配置 Resource allocation',
    '',
    '',
    ...RESOURCE_INDICATORS.map(() => null),
    '',
    verdictText(e.resource_allocation.passed),
  ]);
  total.font = { bold: true };
  mark(total.getCell(5 + RESOURCE_INDICATORS.length + 1), e.resource_allocation.passed);
}

function cvSheet(wb: Workbook, e: EvaluationJson): void {
  const ws = sheet(
    wb,
    SHEET_NAMES.cv,
    [
      '学段 Level',
      '指标 Indicator',
      '差异系数 CV',
      '上限 Limit',
      '学校数 Schools',
      '均值 Mean',
      '结论 Verdict',
    ],
    [10, 12, 14, 10, 12, 14, 16],
  );
  for (const level of LEVELS) {
    for (const id of RESOURCE_INDICATORS) {
      const b = e.resource_allocation.balance[level][id];
      const row = ws.addRow([
        LEVEL_ZH[level],
        id,
        b.cv,
        b.limit,
        b.schools,
        b.mean,
        b.applicable ? verdictText(b.passed) : '不适用 n/a',
      ]);
      if (b.applicable) {
        mark(row.getCell(3), b.passed);
        mark(row.getCell(7), b.passed);
      }
    }
  }
}

function gapsSheet(wb: Workbook, e: EvaluationJson): void {
  const ws = sheet(
    wb,
    SHEET_NAMES.gaps,
    [
      '学校标识码 School code',
      '学校名称 School',
      '学段 Level',
      '指标 Indicator',
      '现值 Value',
      '标准 Threshold',
      '差额 Shortfall',
      '需补足 Needed',
      '单位 Unit',
      '低于85% Below floor',
      '说明 Detail',
    ],
    [16, 28, 10, 10, 12, 12, 12, 14, 12, 12, 60],
  );
  for (const s of e.resource_allocation.schools) {
    for (const g of s.gaps) {
      const row = ws.addRow([
        s.school_code,
        s.school_name,
        LEVEL_ZH[g.level],
        g.indicator,
        g.value,
        g.threshold,
        g.shortfall,
        g.absolute_needed,
        g.absolute_unit,
        g.below_floor ? '是' : '',
        g.message_zh,
      ]);
      row.getCell(5).fill = FAIL_FILL;
    }
  }
}

function indicatorSheet(
  wb: Workbook,
  name: string,
  indicators: Record<string, IndicatorResult>,
  passed: Verdict,
): void {
  const ws = sheet(
    wb,
    name,
    [
      '指标 Indicator',
      '名称 Name',
      '结论 Verdict',
      '值 Value',
      '标准 Threshold',
      '说明 Detail',
      '不达标对象 Offenders',
    ],
    [10, 44, 16, 12, 12, 60, 60],
  );
  for (const [id, r] of Object.entries(indicators)) {
    const offenders = (r.offenders ?? [])
      .map(
        (o) =>
          `${o.school_name ?? o.school_code}${o.class_name ? ` ${o.class_name}` : ''}${o.value === null ? '' : `（${o.value}/${o.limit}）`}`,
      )
      .join('；');
    const label = INDICATOR_LABELS[id as keyof typeof INDICATOR_LABELS];
    const row = ws.addRow([
      id,
      label?.zh ?? '',
      verdictText(r.passed),
      typeof r.value === 'boolean' ? (r.value ? '是' : '否') : r.value,
      r.threshold ?? null,
      r.detail,
      offenders,
    ]);
    mark(row.getCell(3), r.passed);
    if (r.passed === false) row.getCell(4).fill = FAIL_FILL;
  }
  const total = ws.addRow(['', '小计 Section', verdictText(passed)]);
  total.font = { bold: true };
  mark(total.getCell(3), passed);
}

function recognitionSheet(wb: Workbook, e: EvaluationJson): void {
  const ws = sheet(
    wb,
    SHEET_NAMES.recognition,
    ['调查对象 Group', '调查人数 Respondents', '满意人数 Satisfied', '满意率 Rate'],
    [18, 16, 16, 12],
  );
  for (const g of e.social_recognition.groups) ws.addRow([g.group, g.respondents, g.satisfied, g.rate]);
  const total = ws.addRow(['合计 Total', e.social_recognition.respondents, null, e.social_recognition.rate]);
  total.font = { bold: true };
  mark(total.getCell(4), e.social_recognition.passed);
  ws.addRow(['标准 Threshold', null, null, e.social_recognition.threshold]);
  const verdict = ws.addRow(['结论 Verdict', verdictText(e.social_recognition.passed)]);
  mark(verdict.getCell(2), e.social_recognition.passed);
}

function vetoSheet(wb: Workbook, e: EvaluationJson): void {
  const ws = sheet(
    wb,
    SHEET_NAMES.veto,
    ['项目 Item', '名称 Name', '触发 Triggered', '佐证 Evidence'],
    [8, 50, 14, 60],
  );
  for (const [id, item] of Object.entries(e.veto.items)) {
    const row = ws.addRow([
      id,
      item.label_zh,
      item.triggered === null ? '未声明 not attested' : item.triggered ? '是 yes' : '否 no',
      item.evidence
        .map((x) => x.evidence ?? '')
        .filter(Boolean)
        .join('；'),
    ]);
    mark(row.getCell(3), item.triggered === null ? null : !item.triggered);
  }
}

export function buildEvaluationWorkbook(e: EvaluationJson): Workbook {
  const wb = new Workbook();
  wb.creator = 'Duban';
  summarySheet(wb, e);
  resourcesSheet(wb, e);
  cvSheet(wb, e);
  gapsSheet(wb, e);
  indicatorSheet(
    wb,
    SHEET_NAMES.government,
    e.government_guarantee.indicators,
    e.government_guarantee.passed,
  );
  indicatorSheet(wb, SHEET_NAMES.quality, e.education_quality.indicators, e.education_quality.passed);
  recognitionSheet(wb, e);
  vetoSheet(wb, e);
  return wb;
}
