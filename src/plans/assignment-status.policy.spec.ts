import { parseCalendarDate } from '../common/calendar-date';
import { WorkingCalendar } from '../calendar/working-calendar';
import {
  ASSIGNMENT_STATUSES,
  DEFAULT_ASSIGNMENT_STATUS_OPTIONS,
  deriveAssignmentStatus,
  effectiveDueDate,
  isCompleted,
  type AssignmentStatus,
  type AssignmentStatusFacts,
} from './assignment-status.policy';

const d = parseCalendarDate;
const calendar = WorkingCalendar.fromChineseDays();

/** An item running 2025-09-01 … 2025-10-31, nothing reported, nothing decided. */
const base: AssignmentStatusFacts = {
  startOn: d('2025-09-01'),
  dueOn: d('2025-10-31'),
  effectiveDueOn: null,
  cancelled: false,
  latestReportState: null,
  completionApproved: false,
  indicatorLinked: false,
  latestEvidencePassed: null,
};

type Row = [
  description: string,
  facts: Partial<AssignmentStatusFacts>,
  today: string,
  expected: AssignmentStatus,
];

const rows: Row[] = [
  // not_started / in_progress
  ['before the start date, nothing reported', {}, '2025-08-20', 'not_started'],
  ['before the start date with a draft only', { latestReportState: 'draft' }, '2025-08-20', 'not_started'],
  [
    'before the start date but already reported',
    { latestReportState: 'approved' },
    '2025-08-20',
    'in_progress',
  ],
  ['on the start date', {}, '2025-09-01', 'in_progress'],
  ['without a start date', { startOn: null }, '2025-08-20', 'in_progress'],
  ['with a returned report', { latestReportState: 'returned' }, '2025-09-15', 'in_progress'],

  // due_soon: counted in working days, so the National Day break stretches it in calendar days
  ['8 working days before due', { dueOn: d('2025-11-20') }, '2025-11-10', 'in_progress'],
  ['7 working days before due', { dueOn: d('2025-11-20') }, '2025-11-11', 'due_soon'],
  [
    '6 working days (15 calendar days) before due across 国庆',
    { dueOn: d('2025-10-10') },
    '2025-09-25',
    'due_soon',
  ],
  ['9 working days before due across 国庆', { dueOn: d('2025-10-09') }, '2025-09-19', 'in_progress'],
  ['on the due date', {}, '2025-10-31', 'due_soon'],
  ['due on a holiday, last working day before it', { dueOn: d('2025-10-03') }, '2025-09-30', 'due_soon'],
  ['not yet started but due within 7 working days', { startOn: d('2025-10-27') }, '2025-10-24', 'due_soon'],

  // overdue and extensions
  ['the day after due', {}, '2025-11-01', 'overdue'],
  ['after due with a returned report', { latestReportState: 'returned' }, '2025-11-10', 'overdue'],
  ['after due, but an extension moved it', { effectiveDueOn: d('2025-12-31') }, '2025-11-10', 'in_progress'],
  ['after the extended due date', { effectiveDueOn: d('2025-12-31') }, '2026-01-01', 'overdue'],

  // submitted
  ['a report awaits review', { latestReportState: 'submitted' }, '2025-09-15', 'submitted'],
  ['a report awaits review after due', { latestReportState: 'submitted' }, '2025-11-10', 'submitted'],

  // completed
  [
    'completion approved',
    { completionApproved: true, latestReportState: 'approved' },
    '2025-10-15',
    'completed',
  ],
  ['completion approved after due', { completionApproved: true }, '2025-11-10', 'completed'],
  [
    'approved, a later report awaits review',
    { completionApproved: true, latestReportState: 'submitted' },
    '2025-10-15',
    'completed',
  ],
  [
    'indicator-linked, approved, evidence passed',
    { indicatorLinked: true, completionApproved: true, latestEvidencePassed: true },
    '2025-10-15',
    'completed',
  ],
  [
    'indicator-linked, approved, evidence failed',
    { indicatorLinked: true, completionApproved: true, latestEvidencePassed: false },
    '2025-10-15',
    'in_progress',
  ],
  [
    'indicator-linked, approved, evidence not evaluated, overdue',
    { indicatorLinked: true, completionApproved: true, latestEvidencePassed: null },
    '2025-11-03',
    'overdue',
  ],
  [
    'indicator-linked, evidence passed but not approved',
    { indicatorLinked: true, completionApproved: false, latestEvidencePassed: true },
    '2025-10-15',
    'in_progress',
  ],
  [
    'not indicator-linked: failing evidence is irrelevant',
    { completionApproved: true, latestEvidencePassed: false },
    '2025-10-15',
    'completed',
  ],

  // cancelled wins over everything
  ['cancelled', { cancelled: true }, '2025-09-15', 'cancelled'],
  ['cancelled after due', { cancelled: true }, '2025-11-10', 'cancelled'],
  ['cancelled after completion', { cancelled: true, completionApproved: true }, '2025-10-15', 'cancelled'],
  [
    'cancelled while a report awaits review',
    { cancelled: true, latestReportState: 'submitted' },
    '2025-10-15',
    'cancelled',
  ],
];

describe('deriveAssignmentStatus', () => {
  it.each(rows)('%s → %s on %s is %s', (_description, overrides, today, expected) => {
    expect(deriveAssignmentStatus({ ...base, ...overrides }, d(today), calendar)).toBe(expected);
  });

  it('covers every status in the table', () => {
    expect(new Set(rows.map((row) => row[3]))).toEqual(new Set(ASSIGNMENT_STATUSES));
  });

  it('takes a configurable due-soon window', () => {
    expect(
      deriveAssignmentStatus({ ...base, dueOn: d('2025-11-20') }, d('2025-11-10'), calendar, {
        dueSoonWorkingDays: 8,
      }),
    ).toBe('due_soon');
    const facts = { ...base, dueOn: d('2025-10-20') };
    expect(deriveAssignmentStatus(facts, d('2025-10-17'), calendar, { dueSoonWorkingDays: 0 })).toBe(
      'in_progress',
    );
    expect(deriveAssignmentStatus(facts, d('2025-10-20'), calendar, { dueSoonWorkingDays: 0 })).toBe(
      'due_soon',
    );
    expect(DEFAULT_ASSIGNMENT_STATUS_OPTIONS.dueSoonWorkingDays).toBe(7);
  });

  it('rejects a nonsensical due-soon window', () => {
    expect(() =>
      deriveAssignmentStatus(base, d('2025-10-01'), calendar, { dueSoonWorkingDays: -1 }),
    ).toThrow();
    expect(() =>
      deriveAssignmentStatus(base, d('2025-10-01'), calendar, { dueSoonWorkingDays: 1.5 }),
    ).toThrow();
  });
});

describe('helpers', () => {
  it('effectiveDueDate prefers the extension', () => {
    expect(effectiveDueDate(base)).toBe('2025-10-31');
    expect(effectiveDueDate({ ...base, effectiveDueOn: d('2025-11-30') })).toBe('2025-11-30');
  });

  it('isCompleted requires approval and, for indicator-linked items, passing evidence', () => {
    expect(isCompleted(base)).toBe(false);
    expect(isCompleted({ ...base, completionApproved: true })).toBe(true);
    expect(isCompleted({ ...base, completionApproved: true, indicatorLinked: true })).toBe(false);
    expect(
      isCompleted({ ...base, completionApproved: true, indicatorLinked: true, latestEvidencePassed: true }),
    ).toBe(true);
  });
});
