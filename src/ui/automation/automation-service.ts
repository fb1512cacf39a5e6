/**
 * What the options page's Automation section asks of the service worker, as one small interface like
 * OptionsService, so the section runs and is tested without chrome.*. The page passes
 * `automationService(callBackground)` (a caller built from `pageResults`); tests pass
 * `fakeAutomationService`.
 */
import { type AutomationSettings, defaultAutomationSettings, type Rule } from '../../core/automation-config';
import type { TemplateLibrary } from '../../core/templates';
import type { TeamView } from '../../messaging/contract';
import type { AutomationView, RulePreview, RunnerStatus } from '../../messaging/contract-automation';
import type { LibraryView } from '../../messaging/contract-replies';
import type { BackgroundCall } from '../team/options-service';

export interface AutomationService {
  /** The automation settings in force, with who saved them last (defaults when nobody has). */
  getAutomation(mailbox: string): Promise<AutomationView>;
  /** Publishes the settings as a new shared record: every agent and the Node worker get them. */
  setAutomation(mailbox: string, settings: AutomationSettings): Promise<AutomationView>;
  /** Who runs the automations and what the last pass did. */
  runnerStatus(mailbox: string): Promise<RunnerStatus>;
  /** "What would this rule have done" on the newest `limit` stored tickets. */
  previewRule(mailbox: string, rule: Rule, limit: number): Promise<RulePreview>;
  /** The team (agents, groups, leads) the SLA's group calendars and the rules refer to. */
  getTeam(mailbox: string): Promise<TeamView>;
  /** The reply library: the acknowledgement's template and the rules' macros come from it. */
  getLibrary(mailbox: string): Promise<LibraryView>;
}

/** The service backed by the messaging contract (`callerFor(pageResults)` on the options page). */
export function automationService(call: BackgroundCall): AutomationService {
  return {
    getAutomation: (mailbox) => call('automation.get', { mailbox }),
    setAutomation: (mailbox, settings) => call('automation.set', { mailbox, settings }),
    runnerStatus: (mailbox) => call('runner.status', { mailbox }),
    previewRule: (mailbox, rule, limit) => call('rules.preview', { mailbox, rule, limit }),
    getTeam: (mailbox) => call('team.get', { mailbox }),
    getLibrary: (mailbox) => call('library.get', { mailbox }),
  };
}

export interface FakeAutomationState {
  me: string;
  automation?: AutomationView;
  team?: TeamView['config'];
  library?: TemplateLibrary;
  /** The runner's status; a string makes 'runner.status' fail with that message (a build without it). */
  runner?: RunnerStatus | string;
  preview?: RulePreview;
}

type Method = keyof AutomationService;

/**
 * An in-memory service for tests: records every call, keeps what was saved, and lets a test make the next
 * call of a method fail (`failNext.setAutomation = 'quota'`) or wait (`hold`) to see the in-between states.
 */
export function fakeAutomationService(state: FakeAutomationState, now: () => number = Date.now) {
  const calls: { method: Method; args: unknown[] }[] = [];
  const failNext: Partial<Record<Method, string>> = {};
  const gates: Partial<Record<Method, Promise<void>>> = {};
  const answer = async <T>(method: Method, args: unknown[], value: () => T): Promise<T> => {
    calls.push({ method, args });
    await gates[method];
    const failure = failNext[method];
    if (failure !== undefined) {
      delete failNext[method];
      throw new Error(failure);
    }
    return structuredClone(value());
  };
  const view = (): AutomationView =>
    state.automation ?? { settings: defaultAutomationSettings(), updatedAt: null, author: null };
  const service: AutomationService & {
    calls: typeof calls;
    failNext: typeof failNext;
    state: FakeAutomationState;
    /** Holds calls of a method until the returned function is called. */
    hold(method: Method): () => void;
  } = {
    calls,
    failNext,
    state,
    hold(method) {
      let release = () => {};
      gates[method] = new Promise<void>((resolve) => {
        release = () => {
          delete gates[method];
          resolve();
        };
      });
      return release;
    },
    getAutomation: (mailbox) => answer('getAutomation', [mailbox], view),
    setAutomation: (mailbox, settings) =>
      answer('setAutomation', [mailbox, settings], () => {
        state.automation = {
          settings: structuredClone(settings),
          updatedAt: now(),
          author: state.me || null,
        };
        return state.automation;
      }),
    runnerStatus: (mailbox) =>
      answer('runnerStatus', [mailbox], () => {
        const runner = state.runner ?? 'The runner status is not available in this build yet';
        if (typeof runner === 'string') throw new Error(runner);
        return runner;
      }),
    previewRule: (mailbox, rule, limit) =>
      answer('previewRule', [mailbox, rule, limit], () => state.preview ?? { examined: 0, matches: [] }),
    getTeam: (mailbox) =>
      answer('getTeam', [mailbox], () => ({ mailbox, config: state.team ?? null, me: state.me })),
    getLibrary: (mailbox) =>
      answer('getLibrary', [mailbox], () => ({
        library: state.library ?? { templates: [], shortcuts: [], macros: [] },
        updatedAt: null,
        author: null,
      })),
  };
  return service;
}
