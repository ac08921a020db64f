/** Every BullMQ queue, its job names and their payloads, in one place. */
export enum QueueName {
  Maintenance = 'maintenance',
}

export enum MaintenanceJob {
  Heartbeat = 'heartbeat',
  PurgeSessions = 'purge-sessions',
}

export interface MaintenancePayloads {
  [MaintenanceJob.Heartbeat]: Record<string, never>;
  [MaintenanceJob.PurgeSessions]: { olderThanDays: number };
}
