import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { assertStorageKey, EvidenceStorage, type StoredObjectMeta } from './evidence-storage';
import { sha256Hex, signV4, type SigV4Credentials, uriEncode } from './sigv4';

export interface S3Options {
  endpoint: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
}

/**
 * An S3-compatible object store (AWS S3, MinIO, Ceph, 阿里云 OSS in S3 mode) over plain fetch, path-style URLs,
 * every request signed with SigV4. Bodies are buffered to sign their sha256 (uploads are bounded by
 * UPLOAD_MAX_BYTES).
 */
export class S3EvidenceStorage extends EvidenceStorage {
  private readonly credentials: SigV4Credentials;

  constructor(
    private readonly options: S3Options,
    private readonly fetchFn: typeof fetch = fetch,
  ) {
    super();
    this.credentials = {
      accessKeyId: options.accessKeyId,
      secretAccessKey: options.secretAccessKey,
      region: options.region,
      service: 's3',
    };
  }

  private url(key: string): string {
    const base = this.options.endpoint.replace(/\/+$/, '');
    const path = assertStorageKey(key).split('/').map(uriEncode).join('/');
    return `${base}/${uriEncode(this.options.bucket)}/${path}`;
  }

  private async send(
    method: string,
    key: string,
    body?: Buffer,
    headers: Record<string, string> = {},
  ): Promise<Response> {
    const url = this.url(key);
    const payloadHash = sha256Hex(body ?? '');
    const signed = signV4(
      { method, url, headers: { ...headers, 'x-amz-content-sha256': payloadHash }, payloadHash },
      this.credentials,
      new Date(),
    );
    const response = await this.fetchFn(url, { method, headers: signed.headers, body });
    if (!response.ok && !(method === 'DELETE' && response.status === 404)) {
      const text = await response.text().catch(() => '');
      throw new Error(`S3 ${method} ${key} failed: ${response.status} ${text.slice(0, 200)}`);
    }
    return response;
  }

  async put(body: Buffer | Readable, meta: StoredObjectMeta): Promise<string> {
    const key = meta.key ?? `tmp/${randomUUID()}`;
    const buffer = Buffer.isBuffer(body) ? body : await toBuffer(body);
    await this.send('PUT', key, buffer, { 'content-type': meta.contentType });
    return key;
  }

  async get(key: string): Promise<Readable> {
    const response = await this.send('GET', key);
    if (!response.body) return Readable.from([]);
    return Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>);
  }

  async delete(key: string): Promise<void> {
    await this.send('DELETE', key);
  }

  async move(from: string, to: string): Promise<void> {
    const source = `/${uriEncode(this.options.bucket)}/${assertStorageKey(from).split('/').map(uriEncode).join('/')}`;
    await this.send('PUT', to, undefined, { 'x-amz-copy-source': source });
    await this.delete(from);
  }
}

async function toBuffer(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks);
}
