/**
 * The evaluation of one county as an XLSX workbook for people: a summary, then one sheet per section, the
 * coefficients of variation and every gap. Failing cells are filled red, undecided ones amber. In the reader's
 * language only (Simplified Chinese unless they chose English): the workbook is printed and filed.
 */
import { Workbook, type Cell, type Worksheet } from 'exceljs';
import { indicatorLabel, labelOf } from '../common/i18n/labels';
import type { Locale } from '../common/locale';
import { indicatorNote } from './indicator-note';
import {
  LEVELS,
  RESOURCE_INDICATORS,
  type CountyEvaluation,
  type IndicatorResult,
  type Verdict,
} from './engine';

export type EvaluationJson = CountyEvaluation & { dataset_checksum: string };

const ZH = {
  sheets: {
    summary: '汇总',
    resources: '资源配置',
    cv: '差异系数',
    gaps: '差距',
    government: '政府保障',
    quality: '教育质量',
    recognition: '社会认可',
    veto: '一票否决',
  },
  item: '项目',
  result: '结果',
  county: '县（市、区）',
  schoolYear: '学年',
  ruleSet: '评估规则',
  checksum: '数据校验和',
  sections: ['资源配置', '政府保障程度', '教育质量', '社会认可度', '一票否决'],
  certifiable: '具备认定条件',
  missing: '缺少数据',
  none: '无',
  warning: '注意',
  yes: '是',
  no: '否',
  passed: '通过',
  failed: '未通过',
  undecided: '待定',
  notApplicable: '不适用',
  notAttested: '未声明',
  schoolCode: '学校标识码',
  school: '学校名称',
  level: '学段',
  students: '学生数',
  met: '达标项',
  verdict: '结论',
  apportioned: '分摊',
  indicator: '指标',
  cv: '差异系数',
  limit: '上限',
  schools: '学校数',
  mean: '均值',
  value: '现值',
  threshold: '标准',
  shortfall: '差额',
  needed: '需补足',
  unit: '单位',
  belowFloor: '低于85%',
  detail: '说明',
  name: '名称',
  offenders: '不达标对象',
  section: '小计',
  group: '调查对象',
  respondents: '调查人数',
  satisfied: '满意人数',
  rate: '满意率',
  total: '合计',
  triggered: '触发',
  evidence: '佐证',
  units: { teachers: '名教师', rooms: '间', m2: '平方米', yuan: '元' },
  listSeparator: '、',
};
type WorkbookText = typeof ZH;
const EN: WorkbookText = {
  sheets: {
    summary: 'Summary',
    resources: 'Resources',
    cv: 'CV',
    gaps: 'Gaps',
    government: 'Government',
    quality: 'Quality',
    recognition: 'Recognition',
    veto: 'Veto',
  },
  item: 'Item',
  result: 'Result',
  county: 'County',
  schoolYear: 'School year',
  ruleSet: 'Rule set',
  checksum: 'Dataset checksum',
  sections: [
    'Resource allocation',
    'Government guarantee',
    'Education quality',
    'Social recognition',
    'Veto',
  ],
  certifiable: 'Certifiable',
  missing: 'Missing data',
  none: 'none',
  warning: 'Warning',
  yes: 'yes',
  no: 'no',
  passed: 'passed',
  failed: 'failed',
  undecided: 'undecided',
  notApplicable: 'n/a',
  notAttested: 'not attested',
  schoolCode: 'School code',
  school: 'School',
  level: 'Level',
  students: 'Students',
  met: 'Met',
  verdict: 'Verdict',
  apportioned: 'Apportioned',
  indicator: 'Indicator',
  cv: 'CV',
  limit: 'Limit',
  schools: 'Schools',
  mean: 'Mean',
  value: 'Value',
  threshold: 'Threshold',
  shortfall: 'Shortfall',
  needed: 'Needed',
  unit: 'Unit',
  belowFloor: 'Below 85%',
  detail: 'Detail',
  name: 'Name',
  offenders: 'Offenders',
  section: 'Section',
  group: 'Group',
  respondents: 'Respondents',
  satisfied: 'Satisfied',
  rate: 'Rate',
  total: 'Total',
  triggered: 'Triggered',
  evidence: 'Evidence',
  units: { teachers: 'teachers', rooms: 'rooms', m2: 'm²', yuan: 'yuan' },
  listSeparator: ', ',
};
const TEXT: Record<Locale, WorkbookText> = { 'zh-CN': ZH, en: EN };

/** The sheets' names in each language (tests and readers find sheets by them). */
export const SHEET_NAMES: Record<Locale, WorkbookText['sheets']> = { 'zh-CN': ZH.sheets, en: EN.sheets };

export const FAIL_ARGB = 'FFFFC7CE';
const FAIL_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: FAIL_ARGB } } as const;
const UNKNOWN_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFEB9C' } } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } } as const;

/** What the sheets share: the reader's language and texts. */
interface Sheets {
  locale: Locale;
  t: WorkbookText;
}

const verdictText = ({ t }: Sheets, v: Verdict): string =>
  v === true ? t.passed : v === false ? t.failed : t.undecided;
const levelText = ({ locale }: Sheets, level: string): string => labelOf(locale, 'level', level);

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

function summarySheet(wb: Workbook, x: Sheets, e: EvaluationJson): void {
  const { t } = x;
  const ws = sheet(wb, t.sheets.summary, [t.item, t.result], [34, 70]);
  ws.addRow([t.county, `${e.county_name ?? ''}（${e.county_code}）`]);
  ws.addRow([t.schoolYear, e.school_year]);
  ws.addRow([t.ruleSet, e.rule_set]);
  ws.addRow([t.checksum, e.dataset_checksum]);
  const verdicts: Verdict[] = [
    e.resource_allocation.passed,
    e.government_guarantee.passed,
    e.education_quality.passed,
    e.social_recognition.passed,
    e.veto.passed,
  ];
  t.sections.forEach((label, i) =>
    mark(ws.addRow([label, verdictText(x, verdicts[i])]).getCell(2), verdicts[i]),
  );
  const cert = ws.addRow([t.certifiable, e.certifiable ? t.yes : t.no]);
  mark(cert.getCell(2), e.certifiable);
  ws.addRow([t.missing, e.missing.map((id) => indicatorLabel(x.locale, id)).join(t.listSeparator) || t.none]);
  for (const w of e.warnings)
    ws.addRow([t.warning, x.locale === 'en' ? w.message : labelOf(x.locale, 'evaluation_warning', w.code)]);
}

function resourcesSheet(wb: Workbook, x: Sheets, e: EvaluationJson): void {
  const { t } = x;
  const ws = sheet(
    wb,
    t.sheets.resources,
    [t.schoolCode, t.school, t.level, t.students, ...RESOURCE_INDICATORS, t.met, t.verdict, t.apportioned],
    [16, 28, 10, 10, 9, 9, 9, 9, 9, 11, 9, 8, 16, 10],
  );
  for (const s of e.resource_allocation.schools) {
    const row = ws.addRow([
      s.school_code,
      s.school_name,
      levelText(x, s.level),
      s.students,
      ...RESOURCE_INDICATORS.map((id) => s.values[id]),
      s.met.length,
      verdictText(x, s.passed),
      s.apportioned ? t.yes : '',
    ]);
    RESOURCE_INDICATORS.forEach((id, i) => {
      if (s.gaps.some((g) => g.indicator === id)) row.getCell(5 + i).fill = FAIL_FILL;
    });
    mark(row.getCell(5 + RESOURCE_INDICATORS.length + 1), s.passed);
  }
  const total = ws.addRow([
    '',
    t.sections[0],
    '',
    '',
    ...RESOURCE_INDICATORS.map(() => null),
    '',
    verdictText(x, e.resource_allocation.passed),
  ]);
  total.font = { bold: true };
  mark(total.getCell(5 + RESOURCE_INDICATORS.length + 1), e.resource_allocation.passed);
}

function cvSheet(wb: Workbook, x: Sheets, e: EvaluationJson): void {
  const { t } = x;
  const ws = sheet(
    wb,
    t.sheets.cv,
    [t.level, t.indicator, t.cv, t.limit, t.schools, t.mean, t.verdict],
    [10, 12, 14, 10, 12, 14, 16],
  );
  for (const level of LEVELS) {
    for (const id of RESOURCE_INDICATORS) {
      const b = e.resource_allocation.balance[level][id];
      const row = ws.addRow([
        levelText(x, level),
        id,
        b.cv,
        b.limit,
        b.schools,
        b.mean,
        b.applicable ? verdictText(x, b.passed) : t.notApplicable,
      ]);
      if (b.applicable) {
        mark(row.getCell(3), b.passed);
        mark(row.getCell(7), b.passed);
      }
    }
  }
}

function gapsSheet(wb: Workbook, x: Sheets, e: EvaluationJson): void {
  const { t } = x;
  const ws = sheet(
    wb,
    t.sheets.gaps,
    [
      t.schoolCode,
      t.school,
      t.level,
      t.indicator,
      t.value,
      t.threshold,
      t.shortfall,
      t.needed,
      t.unit,
      t.belowFloor,
      t.detail,
    ],
    [16, 28, 10, 10, 12, 12, 12, 14, 12, 12, 60],
  );
  for (const s of e.resource_allocation.schools) {
    for (const g of s.gaps) {
      const row = ws.addRow([
        s.school_code,
        s.school_name,
        levelText(x, g.level),
        g.indicator,
        g.value,
        g.threshold,
        g.shortfall,
        g.absolute_needed,
        t.units[g.absolute_unit],
        g.below_floor ? t.yes : '',
        x.locale === 'en' ? g.message_en : g.message_zh,
      ]);
      row.getCell(5).fill = FAIL_FILL;
    }
  }
}

function indicatorSheet(
  wb: Workbook,
  x: Sheets,
  name: string,
  indicators: Record<string, IndicatorResult>,
  passed: Verdict,
): void {
  const { t } = x;
  const ws = sheet(
    wb,
    name,
    [t.indicator, t.name, t.verdict, t.value, t.threshold, t.detail, t.offenders],
    [10, 44, 16, 12, 12, 60, 60],
  );
  for (const [id, r] of Object.entries(indicators)) {
    const offenders = (r.offenders ?? [])
      .map(
        (o) =>
          `${o.school_name ?? o.school_code}${o.class_name ? ` ${o.class_name}` : ''}${o.value === null ? '' : `（${o.value}/${o.limit}）`}`,
      )
      .join('；');
    const row = ws.addRow([
      id,
      indicatorLabel(x.locale, id),
      verdictText(x, r.passed),
      typeof r.value === 'boolean' ? (r.value ? t.yes : t.no) : r.value,
      r.threshold ?? null,
      indicatorNote(x.locale, r),
      offenders,
    ]);
    mark(row.getCell(3), r.passed);
    if (r.passed === false) row.getCell(4).fill = FAIL_FILL;
  }
  const total = ws.addRow(['', t.section, verdictText(x, passed)]);
  total.font = { bold: true };
  mark(total.getCell(3), passed);
}

function recognitionSheet(wb: Workbook, x: Sheets, e: EvaluationJson): void {
  const { t } = x;
  const ws = sheet(wb, t.sheets.recognition, [t.group, t.respondents, t.satisfied, t.rate], [18, 16, 16, 12]);
  for (const g of e.social_recognition.groups)
    ws.addRow([labelOf(x.locale, 'survey_group', g.group), g.respondents, g.satisfied, g.rate]);
  const total = ws.addRow([t.total, e.social_recognition.respondents, null, e.social_recognition.rate]);
  total.font = { bold: true };
  mark(total.getCell(4), e.social_recognition.passed);
  ws.addRow([t.threshold, null, null, e.social_recognition.threshold]);
  const verdict = ws.addRow([t.verdict, verdictText(x, e.social_recognition.passed)]);
  mark(verdict.getCell(2), e.social_recognition.passed);
}

function vetoSheet(wb: Workbook, x: Sheets, e: EvaluationJson): void {
  const { t } = x;
  const ws = sheet(wb, t.sheets.veto, [t.item, t.name, t.triggered, t.evidence], [8, 50, 14, 60]);
  for (const [id, item] of Object.entries(e.veto.items)) {
    const row = ws.addRow([
      id,
      indicatorLabel(x.locale, id),
      item.triggered === null ? t.notAttested : item.triggered ? t.yes : t.no,
      item.evidence
        .map((a) => a.evidence ?? '')
        .filter(Boolean)
        .join('；'),
    ]);
    mark(row.getCell(3), item.triggered === null ? null : !item.triggered);
  }
}

export function buildEvaluationWorkbook(e: EvaluationJson, locale: Locale = 'zh-CN'): Workbook {
  const x: Sheets = { locale, t: TEXT[locale] };
  const wb = new Workbook();
  wb.creator = locale === 'en' ? 'Duban' : '督办系统';
  summarySheet(wb, x, e);
  resourcesSheet(wb, x, e);
  cvSheet(wb, x, e);
  gapsSheet(wb, x, e);
  indicatorSheet(
    wb,
    x,
    x.t.sheets.government,
    e.government_guarantee.indicators,
    e.government_guarantee.passed,
  );
  indicatorSheet(wb, x, x.t.sheets.quality, e.education_quality.indicators, e.education_quality.passed);
  recognitionSheet(wb, x, e);
  vetoSheet(wb, x, e);
  return wb;
}
