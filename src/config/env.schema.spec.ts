import { ConfigurationError, validateEnv } from './env.schema';

function problemsOf(raw: Record<string, string>): string[] {
  try {
    validateEnv(raw);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as ConfigurationError).problems;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('validateEnv', () => {
  it('applies the documented defaults', () => {
    const env = validateEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      DUBAN_ROLE: 'all',
      PORT: 3000,
      REDIS_URL: 'redis://127.0.0.1:6379',
      EMBEDDED_PG_PORT: 54329,
      SESSION_TTL_HOURS: 12,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it('trusts no proxy unless TRUST_PROXY names them, and names a bad entry', () => {
    expect(validateEnv({}).TRUST_PROXY).toEqual([]);
    expect(validateEnv({ TRUST_PROXY: '10.0.0.1, 172.16.0.0/12,loopback' }).TRUST_PROXY).toEqual([
      '10.0.0.1',
      '172.16.0.0/12',
      'loopback',
    ]);
    expect(problemsOf({ TRUST_PROXY: 'true' })).toEqual([expect.stringMatching(/^TRUST_PROXY .*CIDR/)]);
    expect(problemsOf({ TRUST_PROXY: '10.0.0.0/33' })).toEqual([expect.stringMatching(/^TRUST_PROXY/)]);
  });

  it('derives PUBLIC_URL from PORT unless it is given', () => {
    expect(validateEnv({ PORT: '3444' }).PUBLIC_URL).toBe('http://localhost:3444');
    expect(validateEnv({ PORT: '3444', PUBLIC_URL: 'https://duban.yc.gov.cn' }).PUBLIC_URL).toBe(
      'https://duban.yc.gov.cn',
    );
  });

  it('names a malformed port and what it expects', () => {
    expect(problemsOf({ PORT: 'abc' })).toEqual([
      expect.stringMatching(/^PORT must be a number.*\(got "abc"\)$/),
    ]);
    expect(problemsOf({ PORT: '70000' })).toEqual([
      expect.stringMatching(/^PORT must be .*65535.*\(got "70000"\)$/),
    ]);
  });

  it('names an unknown process role with the allowed values', () => {
    expect(problemsOf({ DUBAN_ROLE: 'scheduler' })).toEqual([
      'DUBAN_ROLE must be one of api, worker, all (got "scheduler")',
    ]);
  });

  it('rejects a database URL of another kind', () => {
    expect(problemsOf({ DATABASE_URL: 'mysql://root@localhost/duban' })).toEqual([
      'DATABASE_URL must be a postgres:// URL (got "mysql://root@localhost/duban")',
    ]);
  });

  it('reports every bad variable at once', () => {
    const problems = problemsOf({ PORT: 'x', REDIS_URL: 'http://redis', LOG_LEVEL: 'loud' });
    expect(problems.map((p) => p.split(' ')[0]).sort()).toEqual(['LOG_LEVEL', 'PORT', 'REDIS_URL']);
  });

  it('requires a real SMTP server and database in production', () => {
    const problems = problemsOf({ NODE_ENV: 'production' });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^SMTP_URL is required in production/),
        expect.stringMatching(/^DATABASE_URL is required in production/),
        expect.stringMatching(/^PUBLIC_URL is required in production/),
      ]),
    );
  });

  it('treats an empty variable as unset', () => {
    const env = validateEnv({ PORT: '', SMTP_URL: '' });
    expect(env.PORT).toBe(3000);
    expect(env.SMTP_URL).toBeUndefined();
  });

  it('the error message is one line naming the variables', () => {
    try {
      validateEnv({ PORT: 'x', DUBAN_ROLE: 'y' });
      throw new Error('not rejected');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(
        /^Invalid configuration: .*PORT.*DUBAN_ROLE|^Invalid configuration: .*DUBAN_ROLE.*PORT/,
      );
    }
  });

  it('delivery and worker watch: 24 h retry window by default, bad values named', () => {
    expect(validateEnv({})).toMatchObject({
      MAIL_RETRY_WINDOW_SECONDS: 86400,
      MAIL_LEASE_SECONDS: 120,
      WORKER_WATCH_SECONDS: 15,
    });
    expect(problemsOf({ MAIL_RETRY_WINDOW_SECONDS: '0' })[0]).toMatch(/^MAIL_RETRY_WINDOW_SECONDS must be/);
    const [backoff] = problemsOf({ MAIL_BACKOFF_BASE_SECONDS: '60', MAIL_BACKOFF_MAX_SECONDS: '10' });
    expect(backoff).toMatch(/^MAIL_BACKOFF_BASE_SECONDS .*MAIL_BACKOFF_MAX_SECONDS/);
    expect(problemsOf({ WORKER_WATCH_SECONDS: '100', WORKER_STALE_AFTER_SECONDS: '50' })[0]).toContain(
      'WORKER_STALE_AFTER_SECONDS',
    );
  });
});
