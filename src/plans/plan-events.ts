import { Global, Injectable, Logger, Module } from '@nestjs/common';
import { EventEmitter } from 'node:events';

/**
 * What happened to a plan item that other modules react to (reminders reschedule, dashboards refresh).
 * Emitted after the change is committed. In-process only: a listener that must survive a crash or reach the
 * worker enqueues a BullMQ job rather than doing the work inline.
 */
export type PlanEvent =
  | { type: 'plan.imported'; planId: string; itemIds: string[] }
  | { type: 'item.created'; itemId: string }
  | { type: 'item.deadline-changed'; itemId: string; before: string | null; after: string | null }
  | { type: 'item.closed'; itemId: string }
  | { type: 'item.cancelled'; itemId: string }
  | { type: 'item.reopened'; itemId: string }
  | { type: 'assignment.added'; itemId: string; departmentId: string }
  | { type: 'assignment.removed'; itemId: string; departmentId: string }
  | { type: 'assignment.acknowledged'; itemId: string; departmentId: string }
  | { type: 'report.submitted'; itemId: string; departmentId: string; reportId: string }
  | {
      type: 'report.reviewed';
      itemId: string;
      departmentId: string;
      reportId: string;
      decision: 'approved' | 'returned';
    }
  | { type: 'extension.requested'; itemId: string; requestId: string }
  | {
      type: 'extension.decided';
      itemId: string;
      requestId: string;
      approved: boolean;
      newDueOn: string | null;
    };

type Listener = (event: PlanEvent) => void | Promise<void>;

@Injectable()
export class PlanEvents {
  private readonly logger = new Logger(PlanEvents.name);
  private readonly emitter = new EventEmitter();

  /** Listeners run one after another; one that fails is logged and does not stop the others. */
  async emit(event: PlanEvent): Promise<void> {
    for (const listener of this.emitter.listeners('event') as Listener[]) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(`listener failed for ${event.type}: ${(error as Error).message}`);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}

@Global()
@Module({ providers: [PlanEvents], exports: [PlanEvents] })
export class PlanEventsModule {}
