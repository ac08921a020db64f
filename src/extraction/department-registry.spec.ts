import type { ReaderContext } from './department-mentions';
import { readItemDepartments } from './department-reader';
import { DepartmentRegistry } from './department-registry';
import type { IssuerRegion } from './issuer-region';
import { comparable, maskNames } from './source-text';

const region: IssuerRegion = {
  code: '640100',
  name: '银川市',
  names: ['银川市', '银川'],
  level: 'city',
  higherNames: [],
  counties: [{ code: '640181', name: '灵武市', names: ['灵武市', '灵武'] }],
  resolved: true,
};
const ctx: ReaderContext = { region };

function register(texts: string[], registry = new DepartmentRegistry(ctx)) {
  for (const t of texts) {
    for (const a of readItemDepartments(maskNames(comparable(t)), ctx)) registry.add(a.mention, t);
  }
  return registry.finalize();
}

describe('DepartmentRegistry', () => {
  it('merges a generic name into the issuer’s own body of that sector and keeps the official form as ref', () => {
    const { departments } = register([
      '教育部门要统筹。',
      '市教育局要负责。',
      '相关部门应征得同级教育部门同意。',
    ]);
    expect(departments.map((d) => d.department)).toEqual([
      { ref: '市教育局', name: '银川市教育局', region: '640100', aliases: ['教育部门', '同级教育部门'] },
    ]);
  });

  it('keeps a generic body generic when the issuer’s own one is never named', () => {
    const { departments } = register(['财政部门要增加投入。']);
    expect(departments[0].department).toEqual({
      ref: '财政部门',
      name: '银川市财政部门',
      region: '640100',
      aliases: [],
    });
  });

  it('makes the county governments one expand entry', () => {
    const { departments } = register(['各县(市)区人民政府要落实。', '县级人民政府要建立机制。']);
    expect(departments[0].department).toEqual({
      ref: '各县(市)区人民政府',
      region: '640100',
      expand: 'county_governments',
      aliases: ['县级人民政府'],
    });
  });

  it('gives a named county government its own region code', () => {
    const { departments } = register(['灵武市政府要率先创建。']);
    expect(departments[0].department).toEqual({
      ref: '灵武市人民政府',
      name: '灵武市人民政府',
      region: '640181',
      aliases: ['灵武市政府'],
    });
  });

  it('matches known departments (by name or alias) and proposes the others as new', () => {
    const registry = new DepartmentRegistry(ctx, [{ name: '银川市教育局', aliases: ['市教育局'] }]);
    const { departments } = register(['教育部门要统筹。', '市民政局要负责。'], registry);
    expect(departments.map((d) => [d.ref, d.department.name, d.status])).toEqual([
      ['教育部门', '银川市教育局', 'known'],
      ['市民政局', '银川市民政局', 'proposed'],
    ]);
  });

  it('returns the ref of any key, generic keys included', () => {
    const { refOf } = register(['市教育局要负责。']);
    expect(refOf('bureau:generic:edu')).toBe('市教育局');
    expect(refOf('bureau:city:finance')).toBeUndefined();
  });
});
