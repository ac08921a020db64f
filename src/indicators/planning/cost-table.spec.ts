import { readFileSync } from 'node:fs';
import { projectPath } from '../../config/paths';
import { ADDITION_KINDS, CostTableError, parseCostTable, unitCosts } from './cost-table';

const shipped = readFileSync(projectPath('config', 'indicators', 'costs.yaml'), 'utf8');

describe('parseCostTable', () => {
  it('reads the shipped table, every price with its source', () => {
    const table = parseCostTable(shipped, 'costs.yaml');
    for (const kind of ADDITION_KINDS) {
      expect(table.costs[kind].yuan).toBeGreaterThan(0);
      expect(table.costs[kind].source.length).toBeGreaterThan(10);
    }
    expect(table.transfers.max_share_out).toBe(0.1);
  });

  it('counts a hired teacher for teacher_years of pay', () => {
    const table = parseCostTable(shipped.replace('teacher_years: 1', 'teacher_years: 3'));
    const prices = unitCosts(table);
    expect(prices[0]).toBe(3 * table.costs.teachers_above_degree.yuan);
    expect(prices[1]).toBe(table.costs.key_teachers.yuan); // cultivated, not hired
    expect(prices[2]).toBe(3 * table.costs.pe_art_teachers.yuan);
  });

  it('names every problem with its path', () => {
    const broken = shipped
      .replace('yuan: 3500', 'yuan: -1')
      .replace('max_share_out: 0.10', 'max_share_out: 2');
    expect(() => parseCostTable(broken, 'mine.yaml')).toThrow(CostTableError);
    try {
      parseCostTable(broken, 'mine.yaml');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('mine.yaml');
      expect(message).toContain('costs.teaching_area_m2.yuan');
      expect(message).toContain('transfers.max_share_out');
    }
  });
});
