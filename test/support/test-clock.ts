import { type CalendarDate, todayInShanghai } from '../../src/common/calendar-date';
import { Clock } from '../../src/common/clock';

/**
 * The fixed "now" of every integration test that does not set its own: Wednesday 25 November 2026, 10:00 in
 * Shanghai. Tests state dates relative to it (or set their own instant), never relative to the machine's date,
 * so the suite gives the same answer on any day (`faketime` years ahead included).
 */
export const TEST_NOW = '2026-11-25T02:00:00.000Z';

/** The app's Clock (the single time source of date rules), pinned to an instant a test controls. */
export class TestClock {
  private current = Date.parse(TEST_NOW);

  constructor(clock: Clock) {
    clock.now = () => new Date(this.current);
  }

  /** Pins the clock to `iso` (an instant, e.g. `2027-06-29T01:00:00Z`). */
  set(iso: string | Date): void {
    const at = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
    if (!Number.isFinite(at)) throw new Error(`TestClock.set: not an instant: ${String(iso)}`);
    this.current = at;
  }

  advance(ms: number): void {
    this.current += ms;
  }

  now(): Date {
    return new Date(this.current);
  }

  today(): CalendarDate {
    return todayInShanghai(this.now());
  }
}
