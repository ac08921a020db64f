import type { Readable } from 'node:stream';

export interface StoredObjectMeta {
  contentType: string;
  /** Where to store it; a fresh key under `tmp/` when absent. */
  key?: string;
}

/**
 * Where evidence attachments live. One interface, two drivers: local disk under STORAGE_DIR (default) and an
 * S3-compatible object store (STORAGE_DRIVER=s3). Keys are relative paths of `[A-Za-z0-9/_.-]`.
 *
 * Uploads are staged: `put` writes under a temporary key, the database row is written in a transaction, and
 * `move` gives the object its final key as the last step of that transaction; on failure both keys are deleted.
 */
export abstract class EvidenceStorage {
  abstract put(body: Buffer | Readable, meta: StoredObjectMeta): Promise<string>;
  abstract get(key: string): Promise<Readable>;
  /** Deleting a missing key is not an error. */
  abstract delete(key: string): Promise<void>;
  abstract move(from: string, to: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9/_.-]{0,299}$/;

/** Rejects keys that could escape the storage root. */
export function assertStorageKey(key: string): string {
  if (!KEY.test(key) || key.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new Error(`invalid storage key "${key}"`);
  }
  return key;
}
