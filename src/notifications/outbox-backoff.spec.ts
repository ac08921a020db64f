import { backoffSeconds } from './outbox.service';

describe('backoffSeconds', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffSeconds(n, 10, 1800))).toEqual([10, 20, 40, 80, 160]);
    expect(backoffSeconds(9, 10, 1800)).toBe(1800);
    expect(backoffSeconds(500, 10, 1800)).toBe(1800);
  });

  it('with the defaults, a 24 h window gives about fifty attempts', () => {
    let elapsed = 0;
    let attempts = 0;
    while (elapsed < 24 * 3600) elapsed += backoffSeconds(++attempts, 10, 1800);
    expect(attempts).toBeGreaterThan(45);
    expect(attempts).toBeLessThan(60);
  });
});
