import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRuleSet, RuleSetError } from './rule-set';

const yamlText = readFileSync(path.resolve(__dirname, '../../../config/indicators/2017.yaml'), 'utf8');

function issuesOf(text: string): readonly string[] {
  try {
    parseRuleSet(text, 'test.yaml');
  } catch (error) {
    if (error instanceof RuleSetError) return error.issues;
    throw error;
  }
  throw new Error('expected a RuleSetError');
}

describe('parseRuleSet', () => {
  it('reads the shipped 2017 rule set', () => {
    const rules = parseRuleSet(yamlText);
    expect(rules.version).toBe('2017');
    expect(rules.weights).toEqual({ primary: 1, junior: 1.1, senior: 1.32 });
    expect(rules.teaching_points).toBe('merge');
    expect(rules.resource_allocation.thresholds.R1).toEqual({ primary: 4.2, junior: 5.3 });
    expect(rules.resource_allocation.thresholds.R6).toEqual({ primary: 2000, junior: 2500 });
    expect(rules.resource_allocation).toMatchObject({
      min_met: 6,
      floor_ratio: 0.85,
      cv_limits: { primary: 0.5, junior: 0.45 },
    });
    expect(rules.class_size).toEqual({
      standard_max: { primary: 45, junior: 50 },
      large_min: 56,
      super_large_min: 66,
      largely_eliminated_max_share: 0.05,
    });
    expect(rules.school_size).toEqual({ max_students: 2000, max_students_through_school: 2500 });
    expect(rules.education_quality.Q9.max_difference_rate).toBe(0.15);
    expect(rules.social_recognition.min_rate).toBe(0.85);
  });

  it('reports every problem at once, with its path', () => {
    const broken = yamlText
      .replace('R1: { primary: 4.2, junior: 5.3 }', 'R1: { primary: "high", junior: 5.3 }')
      .replace('weights: { primary: 1, junior: 1.1, senior: 1.32 }', 'weights: { primary: 1, junior: 1.1 }')
      .replace('teaching_points: merge', 'teaching_points: sometimes');
    const issues = issuesOf(broken);
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^resource_allocation\.thresholds\.R1\.primary: Expected number, received string$/,
        ),
        expect.stringMatching(/^weights\.senior: Required$/),
        expect.stringMatching(/^teaching_points: /),
      ]),
    );
    expect(issues).toHaveLength(3);
  });

  it('names the file and line of a YAML syntax error', () => {
    expect(() => parseRuleSet('version: "2017"\nweights: { primary: 1\n', 'broken.yaml')).toThrow(
      /broken\.yaml[\s\S]*line \d+/,
    );
  });

  it('rejects unknown keys (a misspelt threshold must not be ignored)', () => {
    expect(issuesOf(yamlText.replace('min_met: 6', 'min_mett: 6'))).toEqual(
      expect.arrayContaining([expect.stringContaining("Unrecognized key(s) in object: 'min_mett'")]),
    );
  });

  it('accepts the exclude_below teaching-point option and exceptions with a condition', () => {
    const text = yamlText
      .replace('teaching_points: merge', 'teaching_points: { exclude_below: 50 }')
      .replace(
        'exceptions: []',
        'exceptions:\n    - id: old\n      description: 旧标准\n      when: { build_year_before: 2012 }\n      special_rooms: { music_room_min_area_m2: 73 }',
      );
    const rules = parseRuleSet(text);
    expect(rules.teaching_points).toEqual({ exclude_below: 50 });
    expect(rules.resource_allocation.exceptions[0]).toMatchObject({
      id: 'old',
      when: { build_year_before: 2012 },
    });
  });

  it('rejects an exception without a condition or without a change', () => {
    const noCondition = yamlText.replace(
      'exceptions: []',
      'exceptions:\n    - id: all\n      description: 全部\n      when: {}\n      resource_allocation: { R5: { primary: 6 } }',
    );
    expect(issuesOf(noCondition)).toEqual([expect.stringContaining('needs at least one condition')]);
    const noChange = yamlText.replace(
      'exceptions: []',
      'exceptions:\n    - id: none\n      description: 无\n      when: { location: [rural] }',
    );
    expect(issuesOf(noChange)).toEqual([expect.stringContaining('changes nothing')]);
  });

  it('rejects class-size bands out of order', () => {
    expect(issuesOf(yamlText.replace('super_large_min: 66', 'super_large_min: 50'))).toEqual([
      expect.stringContaining('super_large_min must be above large_min'),
    ]);
  });
});
