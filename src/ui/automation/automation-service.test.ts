import { describe, expect, it } from 'vitest';
import { defaultAutomationSettings, type Rule } from '../../core/automation-config';
import type { BackgroundCall } from '../team/options-service';
import { automationService, fakeAutomationService } from './automation-service';

const MAILBOX = 'support@shop.example';
const RULE: Rule = {
  id: 'vip',
  name: 'VIP',
  enabled: true,
  match: 'all',
  conditions: [{ field: 'domain', value: 'bigco.example' }],
  actions: { priority: 'High' },
  stop: false,
};

describe('the automation service over the messaging contract', () => {
  it('maps each need of the section to one contract method', async () => {
    const calls: [string, unknown][] = [];
    const call = (async (method: string, args: unknown) => {
      calls.push([method, args]);
      return {};
    }) as BackgroundCall;
    const service = automationService(call);
    const settings = defaultAutomationSettings();
    await service.getAutomation(MAILBOX);
    await service.setAutomation(MAILBOX, settings);
    await service.runnerStatus(MAILBOX);
    await service.previewRule(MAILBOX, RULE, 200);
    await service.getTeam(MAILBOX);
    await service.getLibrary(MAILBOX);
    expect(calls).toEqual([
      ['automation.get', { mailbox: MAILBOX }],
      ['automation.set', { mailbox: MAILBOX, settings }],
      ['runner.status', { mailbox: MAILBOX }],
      ['rules.preview', { mailbox: MAILBOX, rule: RULE, limit: 200 }],
      ['team.get', { mailbox: MAILBOX }],
      ['library.get', { mailbox: MAILBOX }],
    ]);
  });

  it('the fake keeps what was saved with its author, and fails a call when told to', async () => {
    const service = fakeAutomationService({ me: 'Anna' }, () => 1_000);
    expect((await service.getAutomation(MAILBOX)).updatedAt).toBeNull();
    service.failNext.setAutomation = 'quota';
    await expect(service.setAutomation(MAILBOX, defaultAutomationSettings())).rejects.toThrow('quota');
    const saved = await service.setAutomation(MAILBOX, defaultAutomationSettings());
    expect(saved).toMatchObject({ updatedAt: 1_000, author: 'Anna' });
    expect(await service.getAutomation(MAILBOX)).toEqual(saved);
    await expect(service.runnerStatus(MAILBOX)).rejects.toThrow(/not available/);
  });
});
