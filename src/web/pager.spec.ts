import { pageNumber, pageOf } from './pager';

describe('pager', () => {
  const rows = Array.from({ length: 45 }, (_, i) => i + 1);

  it('slices a list into pages of 20 and clamps the page asked for', () => {
    expect(pageOf(rows, 1)).toMatchObject({ page: 1, pages: 3, total: 45 });
    expect(pageOf(rows, 1).rows).toEqual(rows.slice(0, 20));
    expect(pageOf(rows, 3).rows).toEqual([41, 42, 43, 44, 45]);
    expect(pageOf(rows, 9)).toMatchObject({ page: 3, rows: [41, 42, 43, 44, 45] });
    expect(pageOf([], 2)).toEqual({ rows: [], page: 1, pages: 1, total: 0 });
  });

  it('reads a page number from the address, 1 for anything else', () => {
    expect(pageNumber('4')).toBe(4);
    expect([
      pageNumber(undefined),
      pageNumber('0'),
      pageNumber('-2'),
      pageNumber('2x'),
      pageNumber(['3']),
    ]).toEqual([1, 1, 1, 1, 1]);
  });
});
