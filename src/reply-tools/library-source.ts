/**
 * The reply tools' line to the service worker: a connector that knows every method's result (reply methods
 * included), and the team's reply library, read once and again whenever the worker says the mailbox's
 * shared records changed (a store event for all threads). Every part of the reply tools reads it from here.
 */

import { type BackgroundCaller, tabConnector } from '../content/connector';
import type { LibraryView } from '../messaging/contract-replies';
import { allResults } from '../messaging/contract-replies';
import { callerFor } from '../messaging/sender';
import type { Connector } from '../ui/connector';

export interface LibrarySource {
  readonly connector: Connector;
  /** The library in force; read from the worker on first use and after each change it announces. */
  library(): Promise<LibraryView>;
  /** The last library read, if any (for keystroke handlers that must not wait). */
  current(): LibraryView | undefined;
  /** Called after each re-read; returns the unsubscribe function. */
  onChange(listener: (view: LibraryView) => void): () => void;
}

const sources = new Map<string, LibrarySource>();

/** One source per mailbox per tab. `connector` is for tests (a fakeConnector). */
export function librarySource(mailbox: string, connector?: Connector): LibrarySource {
  const known = connector === undefined ? sources.get(mailbox) : undefined;
  if (known) return known;
  const line =
    connector ?? tabConnector(mailbox, window, callerFor(allResults) as unknown as BackgroundCaller);
  let reading: Promise<LibraryView> | undefined;
  let last: LibraryView | undefined;
  const listeners = new Set<(view: LibraryView) => void>();
  const read = (): Promise<LibraryView> => {
    const attempt = line.call('library.get', {}).then(
      (view) => {
        last = view;
        for (const listener of [...listeners]) listener(view);
        return view;
      },
      (error: unknown) => {
        if (reading === attempt) reading = undefined; // the next caller tries again
        throw error;
      },
    );
    reading = attempt;
    return attempt;
  };
  line.subscribe((event) => {
    if (event.all) void read().catch(() => {});
  });
  const source: LibrarySource = {
    connector: line,
    library: () => reading ?? read(),
    current: () => last,
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  if (connector === undefined) sources.set(mailbox, source);
  return source;
}
