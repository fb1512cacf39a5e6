/**
 * Which Gmail layout the stand-in's page shows, chosen by the page's URL so a test or a fixture can ask for
 * each one: the account index and a delegated mailbox come from the path, as in Gmail (`/mail/u/1/`,
 * `/mail/u/0/d/<token>/`); Gmail's settings (theme, density, reading pane, where replies open) from
 * `standin-…` query parameters, which Gmail itself never sees. The client passes them on to the view
 * endpoint, so every view it swaps in has the same layout.
 */

export type PageTheme = 'light' | 'dark';
export type PageDensity = 'default' | 'comfortable' | 'compact';

export interface PageLayout {
  /** `N` of `/mail/u/N/`. */
  accountIndex: number;
  /** The opaque `<token>` of `/mail/u/N/d/<token>/`, when the tab shows a delegated mailbox. */
  delegationToken?: string;
  theme: PageTheme;
  density: PageDensity;
  /** Gmail's "Reading pane: right of inbox" (split) or none. */
  readingPane: 'none' | 'right';
  /** Where Reply opens: under the thread, as Gmail's default, or in a pop-out window. */
  replyIn: 'inline' | 'popout';
}

export const DEFAULT_LAYOUT: PageLayout = {
  accountIndex: 0,
  theme: 'light',
  density: 'default',
  readingPane: 'none',
  replyIn: 'inline',
};

/** Gmail signs in at most ten accounts per browser session in one URL space; the stand-in serves all ten. */
export const MAX_ACCOUNT_INDEX = 9;

const PAGE_PATH = /^\/mail\/u\/([0-9])\/(?:d\/([A-Za-z0-9_-]{1,200})\/)?$/;

/** `/mail/u/1/` → account 1; `/mail/u/0/d/AEoRX…/` → account 0, delegated; anything else undefined. */
export function parsePagePath(
  pathname: string,
): Pick<PageLayout, 'accountIndex' | 'delegationToken'> | undefined {
  const match = PAGE_PATH.exec(pathname);
  if (!match) return undefined;
  const accountIndex = Number(match[1]);
  if (accountIndex > MAX_ACCOUNT_INDEX) return undefined;
  return match[2] === undefined ? { accountIndex } : { accountIndex, delegationToken: match[2] };
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.find((candidate) => candidate === value) ?? fallback;
}

/** Reads the `standin-…` switches; unknown values fall back to Gmail's defaults. */
export function parseLayoutSwitches(
  params: URLSearchParams,
): Pick<PageLayout, 'theme' | 'density' | 'readingPane' | 'replyIn'> {
  return {
    theme: oneOf(params.get('standin-theme'), ['light', 'dark'] as const, 'light'),
    density: oneOf(params.get('standin-density'), ['default', 'comfortable', 'compact'] as const, 'default'),
    readingPane: oneOf(params.get('standin-reading-pane'), ['none', 'right'] as const, 'none'),
    replyIn: oneOf(params.get('standin-reply'), ['inline', 'popout'] as const, 'inline'),
  };
}

/** The layout of a page request, or undefined when the path is not a page of the stand-in. */
export function layoutOfPage(url: URL): PageLayout | undefined {
  const path = parsePagePath(url.pathname);
  if (path === undefined) return undefined;
  return { ...parseLayoutSwitches(url.searchParams), ...path };
}

/** The switches as query parameters, for the view endpoint and for links (only what differs from Gmail's default). */
export function layoutQuery(layout: PageLayout): string {
  const params = new URLSearchParams();
  if (layout.theme !== DEFAULT_LAYOUT.theme) params.set('standin-theme', layout.theme);
  if (layout.density !== DEFAULT_LAYOUT.density) params.set('standin-density', layout.density);
  if (layout.readingPane !== DEFAULT_LAYOUT.readingPane)
    params.set('standin-reading-pane', layout.readingPane);
  if (layout.replyIn !== DEFAULT_LAYOUT.replyIn) params.set('standin-reply', layout.replyIn);
  return params.toString();
}
