import { getQueueToken, WorkerHost } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
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

/** Base of every processor: rethrows handler errors (BullMQ retries) and settles its connections on shutdown. */
export abstract class DubanProcessor extends WorkerHost implements BeforeApplicationShutdown {
  async beforeApplicationShutdown(): Promise<void> {
    await settleConnections([this.worker.waitUntilReady()]);
  }
}
