import { type Job, UnrecoverableError } from 'bullmq';
import { DubanProcessor, type JobHandlers } from './queue-lifecycle';
import { MaintenanceJob, type MaintenancePayloads, QueueName } from './queues';

class RecordingProcessor extends DubanProcessor<MaintenancePayloads> {
  readonly seen: string[] = [];
  protected readonly queueName = QueueName.Maintenance;
  protected readonly handlers: JobHandlers<MaintenancePayloads> = {
    [MaintenanceJob.Heartbeat]: () => Promise.resolve(this.seen.push('heartbeat')),
    [MaintenanceJob.PurgeSessions]: ({ olderThanDays }) =>
      Promise.resolve(this.seen.push(`purge ${olderThanDays}`)),
  };
}

const job = (name: string, data: unknown) => ({ name, data }) as unknown as Job;

describe('DubanProcessor dispatch by handler map', () => {
  it('hands each job its own payload', async () => {
    const processor = new RecordingProcessor();
    await processor.process(job(MaintenanceJob.PurgeSessions, { olderThanDays: 30 }));
    await processor.process(job(MaintenanceJob.Heartbeat, {}));
    expect(processor.seen).toEqual(['purge 30', 'heartbeat']);
  });

  it('fails an unknown job name for good (no retries), naming the queue and the job', async () => {
    const processor = new RecordingProcessor();
    const failure = processor.process(job('toString', {}));
    await expect(failure).rejects.toBeInstanceOf(UnrecoverableError);
    await expect(processor.process(job('nope', {}))).rejects.toThrow('no handler for maintenance job "nope"');
  });
});
