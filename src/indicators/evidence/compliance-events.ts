import { Injectable, Logger } from '@nestjs/common';
import { EventEmitter } from 'node:events';
import type { Verdict } from '../engine';

/** The event's name, for logs and for a later move to @nestjs/event-emitter. */
export const COMPLIANCE_CHANGED = 'indicator.compliance-changed';

/**
 * An item's compliance in one county changed: its latest evidence says `passed` where the latest before said
 * `previous` (null also when there was no evidence before).
 */
export interface ComplianceChanged {
  itemId: string;
  countyCode: string;
  indicator: string;
  passed: Verdict;
  previous: Verdict;
  schoolYear: number;
  evidenceId: string;
}

type Listener = (event: ComplianceChanged) => void | Promise<void>;

/**
 * `indicator.compliance-changed`, in-process (@nestjs/event-emitter is not installed), shaped like PlanEvents.
 * Emitted once the recompute's transaction has committed, in the process that ran it — the worker — so
 * listeners (reminders) subscribe in that role; a listener whose work must survive a crash enqueues a job.
 */
@Injectable()
export class ComplianceEvents {
  private readonly logger = new Logger(ComplianceEvents.name);
  private readonly emitter = new EventEmitter();

  /** Listeners run one after another; one that fails is logged and does not stop the others. */
  async emit(event: ComplianceChanged): Promise<void> {
    for (const listener of this.emitter.listeners(COMPLIANCE_CHANGED) as Listener[]) {
      try {
        await listener(event);
      } catch (error) {
        this.logger.error(
          `${COMPLIANCE_CHANGED} listener failed for item ${event.itemId}: ${(error as Error).message}`,
        );
      }
    }
  }

  /** @returns a function that unsubscribes */
  subscribe(listener: Listener): () => void {
    this.emitter.on(COMPLIANCE_CHANGED, listener);
    return () => this.emitter.off(COMPLIANCE_CHANGED, listener);
  }
}
