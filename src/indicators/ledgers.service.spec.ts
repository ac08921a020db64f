import { classRow, countyData, nationalRuleSet } from './engine/__tests__/fixtures';
import { countByKind, ledgerOffenders } from './ledgers.service';

describe('ledgerOffenders', () => {
  it('lists a class in every ledger whose band it reaches, and counts them per kind', () => {
    const data = countyData({
      classes: [
        classRow({ class_name: '1班', students: 42 }),
        classRow({ class_name: '2班', students: 48 }),
        classRow({ class_name: '3班', students: 60 }),
        classRow({ class_name: '4班', students: 68 }),
      ],
    });
    const offenders = ledgerOffenders(data, nationalRuleSet());
    expect(countByKind(offenders)).toEqual({
      over_standard_class: 3,
      large_class: 2,
      super_large_class: 1,
      large_school: 0,
    });
    expect(
      offenders.filter((o) => o.kind === 'large_class').map((o) => [o.class_name, o.students, o.limit]),
    ).toEqual([
      ['3班', 60, 55],
      ['4班', 68, 55],
    ]);
  });
});
