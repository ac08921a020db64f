import { chooseDepartments } from './plan-publication';

describe('chooseDepartments', () => {
  const d = (id: string, name: string, regionCode: string) => ({ id, name, regionCode });

  it("takes the county's own bureau before the city's, by what the name says it does", () => {
    const chosen = chooseDepartments(
      [
        d('1', '银川市教育局', '640100'),
        d('2', '灵武市教育局', '640181'),
        d('3', '银川市财政局', '640100'),
        d('4', '银川市自然资源局', '640100'),
        d('5', '灵武市住房和城乡建设局', '640181'),
        d('6', '银川市人民政府教育督导室', '640100'),
      ],
      '640181',
    );
    expect(chosen.education?.id).toBe('2');
    expect(chosen.finance?.id).toBe('3');
    expect(chosen.land?.id).toBe('4');
    expect(chosen.construction?.id).toBe('5');
  });

  it('leaves a role out when the plan has no such department (教育督导室 is not the 教育局)', () => {
    const chosen = chooseDepartments([d('6', '银川市人民政府教育督导室', '640100')], '640181');
    expect(chosen).toEqual({});
  });
});
