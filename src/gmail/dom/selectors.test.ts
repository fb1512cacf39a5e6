// @vitest-environment happy-dom

import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURE_VIEWS, type FixtureView, type LoadedFixture, loadFixture } from './fixtures.test-helper';
import { SELECTOR_NOTES } from './selector-notes';
import {
  GmailSelectorError,
  type GmailSelectorName,
  gmailSelectors,
  matchingCandidate,
  queryAllGmail,
  queryGmailOrFail,
  tryQueryGmail,
} from './selectors';

/**
 * How many elements each selector matches in each committed layout (refined-github style): a Gmail change that
 * breaks a selector shows up as a changed count on a new fixture. Counts are for the whole document; the row
 * selectors (`rowThreadIds`, `rowCheckbox`) are used inside one row, where they match one element.
 */
const EXPECTED: Record<GmailSelectorName, Record<FixtureView, number>> = {
  //                       list  thread reply pane popout dark compact acct1 deleg
  mainRegion: counts(1, 1, 1, 1, 1, 1, 1, 1, 1),
  themeSurface: counts(1, 1, 1, 1, 1, 1, 1, 1, 1),
  navItem: counts(61, 61, 61, 61, 61, 61, 61, 61, 61),
  accountButton: counts(1, 1, 1, 1, 1, 1, 1, 1, 1),
  threadSubject: counts(0, 1, 1, 1, 1, 0, 0, 0, 1),
  message: counts(0, 2, 2, 2, 2, 0, 0, 0, 2),
  inlineReplyBody: counts(0, 0, 1, 0, 0, 0, 0, 0, 0),
  composeDialog: counts(0, 0, 0, 0, 2, 0, 0, 0, 0),
  composeDialogBody: counts(0, 0, 0, 0, 2, 0, 0, 0, 0),
  fullscreenComposeBody: counts(0, 0, 0, 0, 0, 0, 0, 0, 0),
  composeSubject: counts(0, 0, 1, 0, 2, 0, 0, 0, 0),
  // Two messages in each thread view: a sender, a body and a Reply button each.
  messageSender: counts(0, 2, 2, 2, 2, 0, 0, 0, 2),
  messageBody: counts(0, 2, 2, 2, 2, 0, 0, 0, 2),
  replyButton: counts(0, 2, 2, 2, 2, 0, 0, 0, 2),
  composeSendButton: counts(0, 0, 1, 0, 2, 0, 0, 0, 0),
  // No committed layout has a file attached yet.
  composeAttachment: counts(0, 0, 0, 0, 0, 0, 0, 0, 0),
  threadList: counts(1, 0, 0, 1, 0, 1, 1, 1, 0),
  previewPane: counts(0, 0, 0, 1, 0, 0, 0, 0, 0),
  threadRow: counts(50, 0, 0, 50, 0, 50, 50, 50, 0),
  // In a thread view the heading carries the thread's ids too.
  rowThreadIds: counts(50, 1, 1, 50, 1, 50, 50, 50, 1),
  // 50 rows and the toolbar's select-all box.
  rowCheckbox: counts(51, 0, 0, 51, 0, 51, 51, 51, 0),
  selectedRow: counts(2, 0, 0, 0, 0, 0, 0, 0, 0),
};

function counts(...values: number[]): Record<FixtureView, number> {
  return Object.fromEntries(FIXTURE_VIEWS.map((view, i) => [view, values[i] ?? Number.NaN])) as Record<
    FixtureView,
    number
  >;
}

const loaded = new Map<FixtureView, LoadedFixture>();
function fixture(view: FixtureView): Document {
  let found = loaded.get(view);
  if (found === undefined) {
    found = loadFixture(view);
    loaded.set(view, found);
  }
  return found.document;
}

afterAll(async () => {
  await Promise.all([...loaded.values()].map((f) => f.close()));
});

describe('selectors on every committed Gmail layout', () => {
  it('has an expected count for every selector', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(Object.keys(gmailSelectors).sort());
  });

  describe.each(FIXTURE_VIEWS)('%s', (view) => {
    it.each(Object.keys(gmailSelectors) as GmailSelectorName[])('%s', (name) => {
      const spec = gmailSelectors[name];
      const document = fixture(view);
      expect(queryAllGmail(document, spec)).toHaveLength(EXPECTED[name][view]);
      // What matches, matches through the first candidate: the fallbacks are for a Gmail that changed. (In a
      // thread view only the heading has a thread id, and it has no `data-thread-id`.)
      const headingOnly = name === 'rowThreadIds' && EXPECTED.threadRow[view] === 0;
      if (EXPECTED[name][view] > 0) expect(matchingCandidate(document, spec)).toBe(headingOnly ? 1 : 0);
    });
  });
});

describe('selector candidates', () => {
  it('names the selector when a required element is missing', () => {
    document.body.innerHTML = '<div></div>';
    expect(() => queryGmailOrFail(document, gmailSelectors.mainRegion)).toThrow(GmailSelectorError);
    expect(() => queryGmailOrFail(document, gmailSelectors.mainRegion)).toThrow(/mainRegion/);
    const result = tryQueryGmail(document, gmailSelectors.threadList);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.selector.name).toBe('threadList');
  });

  it('falls back to an older candidate when the first one stops matching', () => {
    document.body.innerHTML =
      '<div role="main"><table><tr class="zA"><td><span data-legacy-thread-id="1a">x</span></td></tr></table></div>';
    expect(queryAllGmail(document, gmailSelectors.threadRow)).toHaveLength(1);
    expect(matchingCandidate(document, gmailSelectors.threadRow)).toBe(1);
  });

  it('survives a candidate the engine cannot parse', () => {
    const broken = { name: 'broken', candidates: ['div[', 'p'] };
    document.body.innerHTML = '<p>kept</p>';
    expect(queryAllGmail(document, broken).map((p) => p.textContent)).toEqual(['kept']);
  });

  it('dates and sources every selector', () => {
    for (const [name, spec] of Object.entries(gmailSelectors)) {
      expect(SELECTOR_NOTES[name as keyof typeof SELECTOR_NOTES], name).toMatch(/^\d{4}-\d{2}-\d{2} \[/);
      expect(spec.candidates.length).toBeGreaterThan(0);
      // Generated ids (`#:1k`) never.
      for (const candidate of spec.candidates) expect(candidate).not.toMatch(/#:/);
    }
  });
});
