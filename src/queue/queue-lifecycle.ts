import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { QueueName } from './queues';

/**
 * BullMQ 5 closes a connection that is still connecting by dropping its listeners first; the connection
 * attempt then fails into an emitter with no `error` listener and becomes an unhandled rejection. Waiting
 * (bounded) until the connections are ready before Nest closes them avoids that on every normal shutdown.
 */
export async function settleConnections(ready: Array<Promise<unknown>>, timeoutMs = 2000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    Promise.allSettled(ready),
    new Promise((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]);
  clearTimeout(timer);
}

/**
 * Every queue gets an `error` listener in every process role (an EventEmitter without one would turn a Redis
 * outage into a crash), logged at most every 30 s per queue.
 */
@Injectable()
export class QueueLifecycle implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('Queues');
  private readonly queues: Queue[] = [];

  constructor(private readonly moduleRef: ModuleRef) {}

  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
      this.queues.push(queue);
      let last = 0;
      queue.on('error', (error: Error) => {
        if (Date.now() - last < 30_000) return;
        last = Date.now();
        this.logger.warn(`queue ${name}: ${error.message}`);
      });
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    await settleConnections(this.queues.map((q) => q.waitUntilReady()));
  }
}

/**
 * One handler per job name of a queue (`Payloads` is the queue's payload map in queues.ts): the compiler
 * refuses a processor that forgets a job name, and each handler receives its own payload type.
 */
export type JobHandlers<Payloads> = {
  readonly [K in keyof Payloads]: (data: Payloads[K], job: Job<Payloads[K]>) => Promise<unknown>;
};

/**
 * Base of every processor: dispatches by job name to its handler map, rethrows handler errors (BullMQ
 * retries), fails unknown names for good, and settles its connections on shutdown.
 */
export abstract class DubanProcessor<Payloads> extends WorkerHost implements BeforeApplicationShutdown {
  protected abstract readonly queueName: QueueName;
  protected abstract readonly handlers: JobHandlers<Payloads>;

  async process(job: Job): Promise<unknown> {
    if (!Object.hasOwn(this.handlers, job.name)) {
      throw new UnrecoverableError(`no handler for ${this.queueName} job "${job.name}"`);
    }
    // The payload's shape is the producer's contract for this name (queues.ts); BullMQ stores it untyped.
    const name = job.name as keyof Payloads;
    return this.handlers[name](job.data as Payloads[typeof name], job as Job<Payloads[typeof name]>);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await settleConnections([this.worker.waitUntilReady()]);
  }
}
