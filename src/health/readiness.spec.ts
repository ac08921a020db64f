import { type Check, type DependencyChecks, readinessOf } from './readiness';

const up: Check = { status: 'up', latencyMs: 1 };
const down: Check = { status: 'down', latencyMs: 1, error: 'connect ECONNREFUSED' };
const checks = (over: Partial<DependencyChecks>): DependencyChecks => ({
  database: up,
  redis: up,
  smtp: up,
  ...over,
});

describe('readinessOf', () => {
  it('is ok when every dependency answers', () => {
    expect(readinessOf(checks({}))).toBe('ok');
  });

  it('is degraded, not down, when only SMTP is down', () => {
    expect(readinessOf(checks({ smtp: down }))).toBe('degraded');
  });

  it('is down when PostgreSQL or Redis is down, whatever SMTP says', () => {
    expect(readinessOf(checks({ database: down }))).toBe('down');
    expect(readinessOf(checks({ redis: down }))).toBe('down');
    expect(readinessOf(checks({ redis: down, smtp: down }))).toBe('down');
  });
});
