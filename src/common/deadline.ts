/**
 * Bounds a wait: past `ms` the returned promise rejects, naming what did not answer. The work itself goes on
 * (its late result or error is dropped); the timer is cleared once it answers, so a probe leaves nothing behind
 * to hold a stopping process.
 */
export function withDeadline<T>(work: Promise<T>, ms: number, what = 'the service'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(`${what} did not answer within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export class DeadlineExceeded extends Error {}
