import { classRow, nationalRuleSet, school } from './__tests__/fixtures';
import {
  classBand,
  classKey,
  classSizeOffenders,
  diffLedger,
  largeSchoolOffenders,
  schoolKey,
  type LedgerEntry,
} from './ledger';

const rules = nationalRuleSet();
const sizes = rules.class_size;

describe('classBand', () => {
  it.each([
    [45, 'primary', 'standard'],
    [46, 'primary', 'over_standard'],
    [50, 'junior', 'standard'],
    [51, 'junior', 'over_standard'],
    [55, 'primary', 'over_standard'],
    [56, 'primary', 'large'],
    [65, 'junior', 'large'],
    [66, 'junior', 'super_large'],
    [80, 'primary', 'super_large'],
  ] as const)('%i students in a %s class → %s', (students, level, band) => {
    expect(classBand(students, level, sizes)).toBe(band);
  });
});

describe('class ledgers', () => {
  const data = {
    county_code: '640181',
    schools: [school()],
    classes: [
      classRow({ class_name: '1班', students: 44 }),
      classRow({ class_name: '2班', students: 48 }),
      classRow({ class_name: '3班', students: 57 }),
      classRow({ grade: 2, class_name: '1班', students: 70 }),
    ],
  };

  it('lists large and super-large classes in the large-class ledger, with stable keys', () => {
    const entries = classSizeOffenders(data, rules, 'large_class');
    expect(entries.map((e) => [e.class_name, e.grade, e.band, e.students])).toEqual([
      ['3班', 1, 'large', 57],
      ['1班', 2, 'super_large', 70],
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'large_class',
      county_code: '640181',
      school_code: 'S001',
      school_name: '第一小学',
      limit: 55,
    });
    expect(entries[0].key).toBe('["640181","S001","primary",1,"3班"]');
    expect(entries[0].key).toBe(classKey('640181', data.classes[2]));
  });

  it('lists only ≥ 66 in the super-large ledger and everything over standard in the G5 ledger', () => {
    expect(classSizeOffenders(data, rules, 'super_large_class').map((e) => e.students)).toEqual([70]);
    expect(classSizeOffenders(data, rules, 'over_standard_class').map((e) => e.students)).toEqual([
      48, 57, 70,
    ]);
  });
});

describe('largeSchoolOffenders', () => {
  it('flags primary/junior schools over 2000 and nine/twelve-year schools over 2500', () => {
    const schools = [
      school({ school_code: 'A', students: 2001 }),
      school({ school_code: 'B', students: 2000 }),
      school({
        school_code: 'N',
        school_type: 'nine_year',
        level: 'combined',
        students: 2500,
        students_primary: 1500,
        students_junior: 1000,
        students_senior: 0,
      }),
      school({
        school_code: 'M',
        school_type: 'nine_year',
        level: 'combined',
        students: 2600,
        students_primary: 1600,
        students_junior: 1000,
        students_senior: 0,
      }),
    ];
    const entries = largeSchoolOffenders({ county_code: '640181', schools }, rules);
    expect(entries.map((e) => [e.school_code, e.students, e.limit])).toEqual([
      ['A', 2001, 2000],
      ['M', 2600, 2500],
    ]);
    expect(entries[0].key).toBe(schoolKey('640181', 'A'));
    expect(entries[0].kind).toBe('large_school');
  });
});

describe('diffLedger', () => {
  const entry = (key: string, students: number, kind: LedgerEntry['kind'] = 'large_class'): LedgerEntry => ({
    kind,
    key,
    county_code: '640181',
    school_code: 'S001',
    school_name: null,
    level: 'primary',
    grade: 1,
    class_name: key,
    band: 'large',
    students,
    limit: 55,
  });

  it('keeps offenders open, closes what the import shows within the limit, opens new ones', () => {
    const open = [entry('a', 60), entry('b', 58)];
    const current = [entry('b', 57), entry('c', 59)];
    const diff = diffLedger(open, current);
    expect(diff.stillOpen).toEqual([entry('b', 57)]);
    expect(diff.closed).toEqual([entry('a', 60)]);
    expect(diff.opened).toEqual([entry('c', 59)]);
  });

  it('closes everything when the import has no offenders, and changes nothing when nothing changed', () => {
    expect(diffLedger([entry('a', 60)], [])).toEqual({ stillOpen: [], closed: [entry('a', 60)], opened: [] });
    expect(diffLedger([entry('a', 60)], [entry('a', 60)])).toEqual({
      stillOpen: [entry('a', 60)],
      closed: [],
      opened: [],
    });
  });

  it('matches on kind as well as key', () => {
    const diff = diffLedger([entry('a', 70, 'super_large_class')], [entry('a', 70, 'large_class')]);
    expect(diff.closed).toHaveLength(1);
    expect(diff.opened).toHaveLength(1);
  });
});
