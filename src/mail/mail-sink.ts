import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  id: string;
  receivedAt: string;
  from: string;
  /** The sender's display name as decoded ('' when none). */
  fromName: string;
  /** The Date header as sent (null when absent). */
  date: string | null;
  to: string[];
  subject: string;
  text: string;
  html: string | null;
  /** `List-Unsubscribe` and `List-Unsubscribe-Post` as sent (null when absent). */
  listUnsubscribe: { url: string; post: string | null } | null;
  /** The Message-ID header (the outbox keeps one per row across attempts: duplicates share it). */
  messageId: string | null;
  /** Where the raw message was written, when the sink keeps files. */
  file: string | null;
}

/**
 * A real SMTP server (npm `smtp-server`) that keeps what it receives: in development it is the app's mailbox
 * (`GET /api/dev/mail`, `.eml` files under MAIL_DIR); in tests it is the server the app really delivers to.
 */
export class MailSink {
  private server: SMTPServer | null = null;
  private readonly received: ReceivedMail[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly options: {
      dir?: string;
      keep?: number;
      /** Wait this long before answering 250 to a message (a slow server, for fault tests). */
      acceptDelayMs?: number;
    } = {},
  ) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<number> {
    if (this.options.dir) fs.mkdirSync(this.options.dir, { recursive: true });
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 25 * 1024 * 1024,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const to = session.envelope.rcptTo.map((r) => r.address);
          const accept = () => this.store(raw, to).then(() => callback(), callback);
          if (this.options.acceptDelayMs) setTimeout(() => void accept(), this.options.acceptDelayMs);
          else void accept();
        });
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    server.on('error', () => undefined);
    return (server.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  get messages(): readonly ReceivedMail[] {
    return this.received;
  }

  clear(): void {
    this.received.length = 0;
  }

  /** Resolves once `count` messages matching `match` have arrived; rejects after `timeoutMs`. */
  async waitFor(match: (m: ReceivedMail) => boolean, count = 1, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const found = () => this.received.filter(match);
    if (found().length >= count) return found();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (found().length >= count) {
          clearTimeout(timer);
          this.waiters.delete(check);
          resolve(found());
        }
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`expected ${count} matching mail(s) within ${timeoutMs} ms, got ${found().length}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private async store(raw: Buffer, to: string[]): Promise<void> {
    const parsed = await simpleParser(raw);
    const id = randomUUID();
    let file: string | null = null;
    if (this.options.dir) {
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      file = path.join(this.options.dir, `${stamp}-${id.slice(0, 8)}.eml`);
      await fs.promises.writeFile(file, raw);
    }
    this.received.push({
      id,
      receivedAt: new Date().toISOString(),
      from: parsed.from?.text ?? '',
      fromName: parsed.from?.value[0]?.name ?? '',
      date: headerValue(parsed.headerLines, 'date'),
      to,
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      listUnsubscribe: listUnsubscribe(parsed.headerLines),
      messageId: parsed.messageId ?? null,
      file,
    });
    const keep = this.options.keep ?? 1000;
    if (this.received.length > keep) this.received.splice(0, this.received.length - keep);
    for (const w of [...this.waiters]) w();
  }
}

function headerValue(lines: ReadonlyArray<{ key: string; line: string }>, key: string): string | null {
  const line = lines.find((h) => h.key === key)?.line;
  return line === undefined
    ? null
    : line
        .slice(line.indexOf(':') + 1)
        .replace(/\s+/g, ' ')
        .trim();
}

function listUnsubscribe(
  lines: ReadonlyArray<{ key: string; line: string }>,
): ReceivedMail['listUnsubscribe'] {
  const value = (key: string) => headerValue(lines, key);
  const url = value('list-unsubscribe');
  return url === null ? null : { url: url.replace(/^<|>$/g, ''), post: value('list-unsubscribe-post') };
}
