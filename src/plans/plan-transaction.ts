import type { DataSource, EntityManager } from 'typeorm';
import type { PlanEvent, PlanEvents } from './plan-events';

/**
 * The one way to change items and their flow: `work` runs in one transaction and the events it emits are
 * announced only once the transaction has committed (a rolled-back change announces nothing).
 */
export async function inPlanTransaction<T>(
  dataSource: DataSource,
  events: PlanEvents,
  work: (em: EntityManager, emit: (event: PlanEvent) => void) => Promise<T>,
): Promise<T> {
  const pending: PlanEvent[] = [];
  const result = await dataSource.transaction((em) => work(em, (event) => pending.push(event)));
  for (const event of pending) await events.emit(event);
  return result;
}
