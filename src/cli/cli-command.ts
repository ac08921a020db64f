/**
 * A command of `npm run cli -- <name> [args]`. Commands that need no database (e.g. `evaluate --data DIR`)
 * run without booting Nest; the others ask for the application context through `ctx.app()`.
 */
import type { INestApplicationContext } from '@nestjs/common';
import type { Locale } from '../common/locale';
import type { Runtime } from '../runtime/runtime';

/** A command line has no reader to ask: what it tells people (problems, notices) is in the office's language. */
export const CLI_LOCALE: Locale = 'zh-CN';

export interface CliContext {
  /** Validated environment and database (embedded when DATABASE_URL is unset), without Nest. */
  runtime(): Promise<Runtime>;
  /** Boots the Nest application context (database, queues) on first use. */
  app(): Promise<INestApplicationContext>;
  out(text: string): void;
  err(text: string): void;
}

export interface CliCommand {
  name: string;
  usage: string;
  description: string;
  /** Returns the process exit code. */
  run(args: string[], ctx: CliContext): Promise<number>;
}

/** Parses `--flag value`, `--flag=value` and `--switch` into a map; positional args are kept in order. */
export function parseArgs(args: string[]): { flags: Record<string, string | true>; positional: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) flags[a.slice(2, eq)] = a.slice(eq + 1);
      else if (i + 1 < args.length && !args[i + 1].startsWith('--')) flags[a.slice(2)] = args[++i];
      else flags[a.slice(2)] = true;
    } else positional.push(a);
  }
  return { flags, positional };
}
