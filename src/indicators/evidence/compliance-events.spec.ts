import { Logger } from '@nestjs/common';
import { type ComplianceChanged, ComplianceEvents } from './compliance-events';

const event: ComplianceChanged = {
  itemId: 'item-1',
  countyCode: '640181',
  indicator: 'G5',
  passed: true,
  previous: false,
  schoolYear: 2024,
  evidenceId: 'evidence-1',
};

describe('ComplianceEvents', () => {
  it('delivers to every listener in order, even when one of them fails', async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const events = new ComplianceEvents();
    const seen: string[] = [];
    events.subscribe((e) => void seen.push(`a:${e.itemId}`));
    events.subscribe(() => Promise.reject(new Error('reminders are down')));
    events.subscribe((e) => void seen.push(`c:${e.passed}`));
    await events.emit(event);
    expect(seen).toEqual(['a:item-1', 'c:true']);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('reminders are down'));
    logged.mockRestore();
  });

  it('stops delivering to a listener that unsubscribed', async () => {
    const events = new ComplianceEvents();
    const seen: ComplianceChanged[] = [];
    const unsubscribe = events.subscribe((e) => void seen.push(e));
    await events.emit(event);
    unsubscribe();
    await events.emit({ ...event, passed: false, previous: true });
    expect(seen).toEqual([event]);
  });
});
