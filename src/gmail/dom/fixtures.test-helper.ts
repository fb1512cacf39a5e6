/**
 * The committed Gmail layouts (test/fixtures/gmail/gmail-2026-11-23-<view>.html, written by
 * scripts/gmail-standin/page/write-fixtures.ts), loaded into happy-dom at the URL each was taken at, with
 * its inlined stylesheet and no scripts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

export const FIXTURE_DATE = '2026-11-23';

export const FIXTURE_VIEWS = [
  'thread-list',
  'thread',
  'reply',
  'preview-pane',
  'popout-compose',
  'dark',
  'compact',
  'account-1',
  'delegated',
] as const;

export type FixtureView = (typeof FIXTURE_VIEWS)[number];

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/gmail');

export interface LoadedFixture {
  document: Document;
  window: Window;
  url: string;
  close(): Promise<void>;
}

export function fixtureFile(view: FixtureView): string {
  return join(FIXTURES, `gmail-${FIXTURE_DATE}-${view}.html`);
}

export function loadFixture(view: FixtureView): LoadedFixture {
  const markup = readFileSync(fixtureFile(view), 'utf8');
  const url = /^<!-- URL: (\S+) -->/.exec(markup)?.[1];
  if (url === undefined) throw new Error(`${view}: the fixture does not name its URL`);
  const window = new Window({
    url,
    width: 1400,
    height: 900,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
    },
  });
  window.document.write(markup);
  return {
    document: window.document as unknown as Document,
    window,
    url,
    close: () => window.happyDOM.close(),
  };
}
