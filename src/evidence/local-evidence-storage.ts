import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { assertStorageKey, EvidenceStorage, type StoredObjectMeta } from './evidence-storage';

/** Files under `<STORAGE_DIR>/evidence/<key>`; a move is a rename within the same file system. */
export class LocalEvidenceStorage extends EvidenceStorage {
  private readonly root: string;

  constructor(storageDir: string) {
    super();
    this.root = path.resolve(storageDir, 'evidence');
  }

  private pathOf(key: string): string {
    return path.join(this.root, assertStorageKey(key));
  }

  async put(body: Buffer | Readable, meta: StoredObjectMeta): Promise<string> {
    const key = meta.key ?? `tmp/${randomUUID()}`;
    const file = this.pathOf(key);
    await mkdir(path.dirname(file), { recursive: true });
    try {
      await pipeline(
        Buffer.isBuffer(body) ? Readable.from([body]) : body,
        createWriteStream(file, { flags: 'wx' }),
      );
    } catch (error) {
      await rm(file, { force: true });
      throw error;
    }
    return key;
  }

  async get(key: string): Promise<Readable> {
    const file = this.pathOf(key);
    await stat(file); // ENOENT here rather than as a stream error half-way through a response
    return createReadStream(file);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async move(from: string, to: string): Promise<void> {
    const target = this.pathOf(to);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(this.pathOf(from), target);
  }
}
