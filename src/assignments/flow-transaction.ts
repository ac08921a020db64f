import type { DataSource, EntityManager } from 'typeorm';
import type { PlanEvent, PlanEvents } from '../plans/plan-events';

/** Runs `work` in one transaction and emits the events it collected once the transaction has committed. */
export async function inFlowTransaction<T>(
  dataSource: DataSource,
  events: PlanEvents,
  work: (em: EntityManager, emit: (event: PlanEvent) => void) => Promise<T>,
): Promise<T> {
  const pending: PlanEvent[] = [];
  const result = await dataSource.transaction((em) => work(em, (event) => pending.push(event)));
  for (const event of pending) await events.emit(event);
  return result;
}
