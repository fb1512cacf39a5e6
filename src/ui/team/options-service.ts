/**
 * What the options page asks of the service worker, as one small interface (like the sidebar's Connector),
 * so the page's components run and are tested without chrome.*. The options page passes
 * `backgroundOptionsService()`; tests pass `fakeOptionsService`.
 */
import type { Settings } from '../../core/settings';
import type { TeamConfig } from '../../core/team-config';
import type { TemplateLibrary } from '../../core/templates';
import type { MethodArgs, MethodName, MethodResult, TeamView } from '../../messaging/contract';
import type { LibraryView } from '../../messaging/contract-replies';

export interface OptionsService {
  /** Mailboxes a Gmail tab has shown in this browser; the team is set up per mailbox. */
  mailboxes(): Promise<string[]>;
  getTeam(mailbox: string): Promise<TeamView>;
  /** Publishes the config as a shared record: every agent of the mailbox gets it after their next sync. */
  setTeam(mailbox: string, config: TeamConfig): Promise<TeamView>;
  getSettings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<Settings>;
  /** The team's reply library (templates, text shortcuts, macros) in force, with who saved it last. */
  getLibrary(mailbox: string): Promise<LibraryView>;
  /** Publishes the whole library as a new shared record. */
  setLibrary(mailbox: string, library: TemplateLibrary): Promise<LibraryView>;
}

export type BackgroundCall = <M extends MethodName>(
  method: M,
  args: MethodArgs<M>,
) => Promise<MethodResult<M>>;

/** The service backed by the messaging contract (`callBackground` on the options page). */
export function backgroundOptionsService(call: BackgroundCall): OptionsService {
  return {
    mailboxes: async () => (await call('team.mailboxes', {})).mailboxes,
    getTeam: (mailbox) => call('team.get', { mailbox }),
    setTeam: (mailbox, config) => call('team.set', { mailbox, config }),
    getSettings: () => call('settings.get', {}),
    setSettings: (settings) => call('settings.set', settings),
    getLibrary: (mailbox) => call('library.get', { mailbox }),
    setLibrary: (mailbox, library) => call('library.set', { mailbox, library }),
  };
}

export interface FakeOptionsState {
  mailboxes: string[];
  teams: Record<string, TeamConfig | null>;
  settings: Settings;
  /** Reply libraries by mailbox (none: an empty library nobody has saved). */
  libraries?: Record<string, LibraryView>;
}

const EMPTY_LIBRARY_VIEW: LibraryView = {
  library: { templates: [], shortcuts: [], macros: [] },
  updatedAt: null,
  author: null,
};

/**
 * An in-memory service for tests: records every call, keeps what was saved, and lets a test make the next
 * call of a method fail (`failNext.setTeam = 'quota'`) or wait (`hold`) to see the in-between states.
 */
export function fakeOptionsService(state: FakeOptionsState) {
  const calls: { method: keyof OptionsService; args: unknown[] }[] = [];
  const failNext: Partial<Record<keyof OptionsService, string>> = {};
  const gates: Partial<Record<keyof OptionsService, Promise<void>>> = {};
  const answer = async <T>(method: keyof OptionsService, args: unknown[], value: () => T): Promise<T> => {
    calls.push({ method, args });
    await gates[method];
    const failure = failNext[method];
    if (failure !== undefined) {
      delete failNext[method];
      throw new Error(failure);
    }
    return structuredClone(value());
  };
  const view = (mailbox: string): TeamView => ({
    mailbox,
    config: state.teams[mailbox] ?? null,
    me: state.settings.agentName,
  });
  const service: OptionsService & {
    calls: typeof calls;
    failNext: typeof failNext;
    state: FakeOptionsState;
    /** Holds calls of a method until the returned function is called. */
    hold(method: keyof OptionsService): () => void;
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
    mailboxes: () => answer('mailboxes', [], () => state.mailboxes),
    getTeam: (mailbox) => answer('getTeam', [mailbox], () => view(mailbox)),
    setTeam: (mailbox, config) =>
      answer('setTeam', [mailbox, config], () => {
        state.teams[mailbox] = structuredClone(config);
        return view(mailbox);
      }),
    getSettings: () => answer('getSettings', [], () => state.settings),
    setSettings: (settings) =>
      answer('setSettings', [settings], () => {
        state.settings = structuredClone(settings);
        return state.settings;
      }),
    getLibrary: (mailbox) =>
      answer('getLibrary', [mailbox], () => state.libraries?.[mailbox] ?? EMPTY_LIBRARY_VIEW),
    setLibrary: (mailbox, library) =>
      answer('setLibrary', [mailbox, library], () => {
        const view: LibraryView = {
          library: structuredClone(library),
          updatedAt: Date.now(),
          author: state.settings.agentName || null,
        };
        state.libraries = { ...state.libraries, [mailbox]: view };
        return view;
      }),
  };
  return service;
}
