import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { AuthenticatedUser } from '../access/authenticated-user';
import { type AuditChange, AuditEntry, type AuditValue } from './audit-entry.entity';

/** Who made a change: a signed-in user, or a system process (userId null). */
export interface AuditActor {
  userId: string | null;
  label: string;
}

export const systemActor = (label: string): AuditActor => ({ userId: null, label });
export const userActor = (user: Pick<AuthenticatedUser, 'id' | 'name'>): AuditActor => ({
  userId: user.id,
  label: user.name,
});

export interface NewAuditEntry {
  actor: AuditActor;
  entityType: string;
  entityId: string;
  itemId?: string | null;
  action: string;
  changes: AuditChange[];
  source?: string | null;
}

export interface AuditEntryView {
  id: string;
  at: Date;
  actor: AuditActor;
  entityType: string;
  entityId: string;
  itemId: string | null;
  action: string;
  changes: AuditChange[];
  source: string | null;
}

/** Rows per INSERT: far below PostgreSQL's 65535 bind parameters (9 per row). */
const CHUNK = 1000;

/** Any value as JSON for the log: dates become ISO strings, undefined becomes null. */
export function toAuditValue(value: unknown): AuditValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(toAuditValue);
  if (typeof value === 'object') {
    // Plain data only: class instances other than Date have no place in the log.
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toAuditValue(v)]),
    );
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/** One change, its values converted for the log. */
export const change = (field: string, before: unknown, after: unknown): AuditChange => ({
  field,
  before: toAuditValue(before),
  after: toAuditValue(after),
});

/**
 * Which fields differ between two records, as audit changes. Values are compared as JSON, so arrays and
 * objects (targets, aliases) compare by content.
 */
export function diffFields<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): AuditChange[] {
  return fields
    .filter((f) => JSON.stringify(before[f] ?? null) !== JSON.stringify(after[f] ?? null))
    .map((f) => change(f, before[f], after[f]));
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /**
   * Appends entries in bulk. Pass the caller's transaction manager so the history is written (or rolled back)
   * together with the change it describes.
   */
  async record(entries: readonly NewAuditEntry[], manager?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    const repo = manager ? manager.getRepository(AuditEntry) : this.entries;
    const rows = entries.map((e) => ({
      actorUserId: e.actor.userId,
      actorLabel: e.actor.label.slice(0, 200),
      entityType: e.entityType,
      entityId: e.entityId,
      itemId: e.itemId ?? null,
      action: e.action,
      changes: e.changes,
      source: e.source?.slice(0, 300) ?? null,
    }));
    for (let i = 0; i < rows.length; i += CHUNK) {
      await repo
        .createQueryBuilder()
        .insert()
        .into(AuditEntry)
        .values(rows.slice(i, i + CHUNK))
        .updateEntity(false)
        .execute();
    }
  }

  /** The history of one plan item (the item and its assignments), oldest first. */
  async forItem(itemId: string): Promise<AuditEntryView[]> {
    const rows = await this.entries.find({ where: { itemId }, order: { seq: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  /** The history of any entity, oldest first. */
  async forEntity(entityType: string, entityId: string): Promise<AuditEntryView[]> {
    const rows = await this.entries.find({ where: { entityType, entityId }, order: { seq: 'ASC' } });
    return rows.map((r) => this.view(r));
  }

  private view(r: AuditEntry): AuditEntryView {
    return {
      id: r.id,
      at: r.at,
      actor: { userId: r.actorUserId, label: r.actorLabel },
      entityType: r.entityType,
      entityId: r.entityId,
      itemId: r.itemId,
      action: r.action,
      changes: r.changes,
      source: r.source,
    };
  }
}
