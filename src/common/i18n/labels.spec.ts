import { ALL_ROLES } from '../../access/role.enum';
import { DEPARTMENT_KINDS } from '../../departments/department-kind';
import { EXTRACTION_ERROR_CODES } from '../../extraction/extraction.error';
import type { ExtractionWarning } from '../../extraction/extraction.types';
import { PLAN_DRAFT_STATUSES } from '../../extraction/plan-draft.entity';
import {
  ATTESTED_ITEMS,
  type ExclusionReason,
  GOVERNMENT_INDICATORS,
  LOCATIONS,
  QUALITY_INDICATORS,
  RESOURCE_INDICATORS,
  ROW_LEVELS,
  SCHOOL_TYPES,
  SURVEY_GROUPS,
  VETO_ITEMS,
  type WarningCode,
} from '../../indicators/engine';
import { RESOURCE_FIELDS } from '../../indicators/engine/resource-allocation';
import { CLASS_BANDS, LEDGER_KINDS } from '../../indicators/ledger-entry.entity';
import { EDITABLE_FIELDS } from '../../indicators/planning/what-if';
import { IMPORT_SOURCES, IMPORT_STATUSES } from '../../indicators/statistics-import.entity';
import { DIGEST_ENTRY_KINDS } from '../../notifications/digest-entry.entity';
import { OUTBOX_STATUSES, TEMPLATES } from '../../notifications/notification-outbox.entity';
import { NOTIFICATION_MODES } from '../../notifications/notification-preference.entity';
import { ASSIGNMENT_ROLES } from '../../plans/assignment.entity';
import { ASSIGNMENT_STATUSES, type ReportState } from '../../plans/assignment-status.policy';
import { RECURRENCES } from '../../plans/deadline-reading.policy';
import type { ProgressLight } from '../../plans/expected-progress.policy';
import {
  GROUP_ROLES,
  INDICATOR_IDS,
  ITEM_KINDS,
  SOURCE_SCRIPTS,
  TARGET_QUALIFIERS,
  TARGET_REFERENCES,
  TARGET_UNITS,
} from '../../plans/plan-file.schema';
import { REGION_LEVELS } from '../../regions/region-file.schema';
import { ESCALATION_LEVELS } from '../../reminders/escalation-notice.entity';
import { POLICY_SCOPES } from '../../reminders/reminder-policy.entity';
import type { EscalationLevel, EscalationReason } from '../../reminders/reminder.policy';
import { EXTENSION_STATES } from '../../supervision/extension-request.entity';
import { PROGRESS_REPORT_STATES } from '../../supervision/progress-report.entity';
import { SUPERVISION_ACTION_KINDS } from '../../supervision/supervision-notice.entity';
import { CATALOGS } from './catalog';
import { hasLabel, indicatorLabel, labelOf, type LabelEnum, periodLabel, reminderRuleLabel } from './labels';
import { latinWords } from './latin-words';

/** Every value of a type-only union: the compiler refuses this object when a value is added or removed. */
const all = <T extends string>(values: Record<T, true>): T[] => Object.keys(values) as T[];

/** Each enum a page or mail shows, iterated from the module that defines it. */
const ENUMS: Array<[LabelEnum, readonly string[]]> = [
  ['status', ASSIGNMENT_STATUSES],
  ['kind', ITEM_KINDS],
  ['role', ALL_ROLES],
  ['assignment_role', ASSIGNMENT_ROLES],
  [
    'report_state',
    [
      ...PROGRESS_REPORT_STATES,
      ...all<ReportState>({ draft: true, submitted: true, approved: true, returned: true }),
    ],
  ],
  ['extension_state', EXTENSION_STATES],
  [
    'escalation_level',
    [...ESCALATION_LEVELS, ...all<EscalationLevel>({ none: true, blue: true, yellow: true, red: true })],
  ],
  ['escalation_reason', all<EscalationReason>({ overdue: true, progress_red: true })],
  ['supervision_action', SUPERVISION_ACTION_KINDS],
  ['recurrence', RECURRENCES],
  ['light', all<ProgressLight>({ green: true, yellow: true, red: true })],
  ['draft_status', PLAN_DRAFT_STATUSES],
  ['outbox_status', OUTBOX_STATUSES],
  ['mail_template', TEMPLATES],
  ['notification_mode', NOTIFICATION_MODES],
  ['digest_entry', DIGEST_ENTRY_KINDS],
  ['policy_scope', POLICY_SCOPES],
  ['ledger_kind', LEDGER_KINDS],
  ['class_band', CLASS_BANDS],
  ['school_type', SCHOOL_TYPES],
  ['level', ROW_LEVELS],
  ['location', LOCATIONS],
  ['survey_group', SURVEY_GROUPS],
  [
    'exclusion',
    all<ExclusionReason>({
      special_education: true,
      zero_students: true,
      teaching_point_below_minimum: true,
      merged: true,
    }),
  ],
  [
    'evaluation_warning',
    all<WarningCode>({
      ZERO_STUDENTS: true,
      COMBINED_ROW_PARTS: true,
      TEACHING_POINT_PARENT: true,
      SURVEY_GROUPS: true,
      DIVISOR_ZERO: true,
    }),
  ],
  [
    'extraction_warning',
    all<ExtractionWarning['code']>({
      NUMBERING: true,
      NO_DOC_NUMBER: true,
      NO_ISSUE_DATE: true,
      REGION_UNRESOLVED: true,
      NEW_DEPARTMENTS: true,
      TRADITIONAL_SCRIPT: true,
      ENCODING: true,
      DRAFT_INVALID: true,
      DATE_UNREAD: true,
      DEADLINE_BEFORE_ISSUE: true,
    }),
  ],
  ['extraction_error', EXTRACTION_ERROR_CODES],
  ['target_reference', TARGET_REFERENCES],
  ['target_qualifier', TARGET_QUALIFIERS],
  ['target_unit', TARGET_UNITS],
  ['group_role', GROUP_ROLES],
  ['source_script', SOURCE_SCRIPTS],
  ['department_kind', DEPARTMENT_KINDS],
  ['region_level', REGION_LEVELS],
  ['import_status', IMPORT_STATUSES],
  ['import_source', IMPORT_SOURCES],
  ['resource_field', [...RESOURCE_FIELDS, ...EDITABLE_FIELDS]],
  [
    'indicator',
    [
      ...INDICATOR_IDS,
      ...RESOURCE_INDICATORS,
      ...GOVERNMENT_INDICATORS,
      ...QUALITY_INDICATORS,
      ...VETO_ITEMS,
      ...ATTESTED_ITEMS,
    ],
  ],
];

describe('labels', () => {
  it('has a Simplified Chinese label without Latin words, and an English one, for every enum value', () => {
    const missing: string[] = [];
    const latin: string[] = [];
    for (const [name, values] of ENUMS) {
      for (const value of values) {
        if (!hasLabel(name, value)) {
          missing.push(`${name}.${value}`);
          continue;
        }
        const zh = labelOf('zh-CN', name, value);
        // indicator numbers (G5) and units (m²) are how the official evaluation prints them
        if (latinWords(zh).length) latin.push(`${name}.${value}: ${zh}`);
        expect(zh).not.toBe(value);
        expect(labelOf('en', name, value)).not.toMatch(/_/);
      }
    }
    expect(missing).toEqual([]);
    expect(latin).toEqual([]);
  });

  it('writes every label of the catalog in Chinese for a zh-CN reader', () => {
    const keys = Object.keys(CATALOGS['zh-CN']).filter((k) => k.startsWith('label.'));
    expect(keys.length).toBeGreaterThan(300);
    const bad = keys.filter((k) => {
      const text = CATALOGS['zh-CN'][k as keyof (typeof CATALOGS)['zh-CN']].replace(/\{\w+\}/g, '');
      return latinWords(text).length > 0 || !/[\u4e00-\u9fff%]/.test(text);
    });
    expect(bad).toEqual([]);
  });

  it('never shows an unknown code to a zh-CN reader', () => {
    expect(labelOf('zh-CN', 'school_type', 'special_education')).toBe('其他');
    expect(labelOf('zh-CN', 'school_type', '九年一贯制学校')).toBe('九年一贯制学校');
    expect(labelOf('en', 'school_type', 'boarding_school')).toBe('boarding school');
    expect(labelOf('zh-CN', 'status', null)).toBe('—');
    expect(labelOf('zh-CN', 'exclusion', 'merged')).toBe('已并入所属学校计算');
    expect(labelOf('zh-CN', 'escalation_level', 'red')).toBe('红色督办');
  });

  it('says reminder rules, reporting periods and indicators as officials do', () => {
    expect(reminderRuleLabel('zh-CN', 'before_3')).toBe('到期前 3 个工作日提醒');
    expect(reminderRuleLabel('zh-CN', 'overdue_2')).toBe('逾期第 2 次提醒');
    expect(reminderRuleLabel('zh-CN', 'due_day')).toBe('到期当日提醒');
    expect(periodLabel('zh-CN', 'once')).toBe('一次性');
    expect(periodLabel('zh-CN', '2026')).toBe('2026年度');
    expect(periodLabel('zh-CN', '2026-H1')).toBe('2026年上半年');
    expect(periodLabel('zh-CN', '2026-Q3')).toBe('2026年第三季度');
    expect(periodLabel('zh-CN', '2026-11')).toBe('2026年11月');
    expect(periodLabel('en', '2026-Q3')).toBe('Q3 2026');
    expect(indicatorLabel('zh-CN', 'CERT', '灵武市')).toBe('灵武市创建认定');
    expect(indicatorLabel('zh-CN', 'G5')).toBe('小学、初中所有班级学生数分别不超过45人、50人');
  });
});
