import { type Check, type DependencyChecks, heartbeatFresh, readinessOf } from './readiness';

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

describe('readinessOf, the background half', () => {
  it('is degraded without a fresh worker heartbeat or without the expected schedulers', () => {
    expect(readinessOf(checks({}), { workerFresh: false, queuesComplete: true })).toBe('degraded');
    expect(readinessOf(checks({}), { workerFresh: true, queuesComplete: false })).toBe('degraded');
    expect(readinessOf(checks({}), { workerFresh: true, queuesComplete: true })).toBe('ok');
    expect(readinessOf(checks({ redis: down }), { workerFresh: false, queuesComplete: false })).toBe('down');
  });

  it('judges a heartbeat by its time against the staleness limit', () => {
    const now = Date.parse('2026-11-25T02:00:00Z');
    expect(heartbeatFresh('2026-11-25T01:59:30.000Z host:1', now, 60_000)).toBe(true);
    expect(heartbeatFresh('2026-11-25T01:58:00.000Z host:1', now, 60_000)).toBe(false);
    expect(heartbeatFresh(null, now, 60_000)).toBe(false);
    expect(heartbeatFresh('garbage', now, 60_000)).toBe(false);
  });
});
