import type { DataSource, EntityManager } from 'typeorm';
import type { PlanEvent, PlanEvents } from './plan-events';

/**
 * The one way to change items and their flow: `work` runs in one transaction, the events it emits are written
 * in that transaction (the plan-event outbox) and relayed after the commit in the background — the caller's
 * answer never waits on Redis, and a rolled-back change announces nothing.
 */
export async function inPlanTransaction<T>(
  dataSource: DataSource,
  events: PlanEvents,
  work: (em: EntityManager, emit: (event: PlanEvent) => void) => Promise<T>,
): Promise<T> {
  const pending: PlanEvent[] = [];
  const result = await dataSource.transaction(async (em) => {
    const value = await work(em, (event) => pending.push(event));
    await events.record(em, pending);
    return value;
  });
  if (pending.length) events.nudge();
  return result;
}
