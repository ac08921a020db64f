import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import type { Env } from '../config/env.schema';

export interface OutgoingMail {
  to: string | string[];
  cc?: string | string[];
  /** The sender's display name for this recipient (the address stays MAIL_FROM's); default MAIL_FROM's name. */
  fromName?: string;
  subject: string;
  text: string;
  html?: string;
  headers?: Record<string, string>;
  /** Stable id so a retried send is recognisable downstream (Message-ID). */
  messageId?: string;
}

/**
 * Sends mail over SMTP with a pooled nodemailer transport. SMTP_URL is the production server; in development
 * main.ts points it at the local mail sink before Nest starts.
 */
@Injectable()
export class MailService implements OnApplicationShutdown {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter<SMTPPool.SentMessageInfo>;
  private readonly from: string;
  private readonly fromAddress: string;
  /** MAIL_FROM's display name ('' when it is a bare address). */
  readonly fromName: string;

  constructor(config: ConfigService<Env, true>) {
    const url = config.get('SMTP_URL', { infer: true });
    if (!url) throw new Error('SMTP_URL is not set: start through main.ts, which starts the dev mail sink');
    this.from = config.get('MAIL_FROM', { infer: true });
    const parsed = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(this.from);
    this.fromName = parsed ? parsed[1].replace(/^"|"$/g, '') : '';
    this.fromAddress = parsed ? parsed[2] : this.from.trim();
    this.transport = createTransport({
      url,
      pool: true,
      maxConnections: 5,
      maxMessages: 500,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as SMTPPool.Options);
  }

  async send(mail: OutgoingMail): Promise<{ messageId: string; accepted: string[] }> {
    const info = await this.transport.sendMail({
      from: mail.fromName ? { name: mail.fromName, address: this.fromAddress } : this.from,
      to: mail.to,
      cc: mail.cc,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      messageId: mail.messageId,
    });
    this.logger.debug(`mail ${info.messageId} sent to ${String(mail.to)}`);
    return { messageId: info.messageId, accepted: info.accepted.map(String) };
  }

  /** Opens a connection and says hello; used by the health check. */
  async verify(timeoutMs = 3000): Promise<void> {
    await Promise.race([
      this.transport.verify(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs),
      ),
    ]);
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
