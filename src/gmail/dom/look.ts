/**
 * Gmail's theme and density, read from what the page paints, so the sidebar can match them.
 *
 * - Theme: the luminance of the content section's background (`.bkK > .nH`, else the main region, else
 *   the first ancestor that paints one). InboxSDK reads the same element and calls it dark when its red
 *   channel is below 128 (track-gmail-styles.ts, [inboxsdk-styles] in selectors.ts); Gmail's dark theme
 *   paints rgb(32, 33, 36). Themes with a picture are judged by the colour Gmail paints under it.
 * - Density: InboxSDK calls Gmail compact when a left-nav item `.aim` is 24 px high; that sourced witness
 *   is read first. A thread-list row at most 32 px high is a second witness, for pages without the nav;
 *   that threshold is Labeldesk's own (checked on the stand-in only, no public source gives row heights).
 *   No public source we found tells Gmail's "Default" from "Comfortable" (InboxSDK only knows compact and
 *   default), so this answers `default` for both; what changes the sidebar's layout is compact or not.
 */
import { gmailSelectors, observeMutations, queryAllGmail, queryGmail } from './selectors';

export type GmailTheme = 'light' | 'dark';
export type GmailDensity = 'default' | 'comfortable' | 'compact';

export interface GmailLook {
  theme: GmailTheme;
  density: GmailDensity;
}

const LIGHT: GmailLook = { theme: 'light', density: 'default' };
const COMPACT_NAV_ITEM_PX = 24;
const COMPACT_ROW_PX = 32;

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

/** `rgb(32, 33, 36)`, `rgba(0, 0, 0, 0)`, `#202124`, `#fff`, `transparent`; undefined for anything else. */
export function parseCssColour(value: string): Rgba | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'transparent') return { r: 0, g: 0, b: 0, a: 0 };
  const rgb = /^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(text);
  if (rgb) {
    const alpha = rgb[4];
    const a = alpha === undefined ? 1 : alpha.endsWith('%') ? Number.parseFloat(alpha) / 100 : Number(alpha);
    return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a };
  }
  const hex = /^#([0-9a-f]{3,8})$/.exec(text)?.[1];
  if (hex === undefined || ![3, 4, 6, 8].includes(hex.length)) return undefined;
  const full = hex.length <= 4 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const byte = (at: number) => Number.parseInt(full.slice(at, at + 2), 16);
  return { r: byte(0), g: byte(2), b: byte(4), a: full.length === 8 ? byte(6) / 255 : 1 };
}

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance({ r, g, b }: Rgba): number {
  const channel = (value: number) => {
    const c = value / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

function computedStyle(element: Element): CSSStyleDeclaration | undefined {
  const view = element.ownerDocument.defaultView;
  return view ? view.getComputedStyle(element) : undefined;
}

/** The first opaque-enough background from `element` up to the root. */
function paintedBackground(element: Element | null): Rgba | undefined {
  for (let at = element; at !== null; at = at.parentElement) {
    const colour = parseCssColour(computedStyle(at)?.backgroundColor ?? '');
    if (colour !== undefined && colour.a >= 0.5) return colour;
  }
  return undefined;
}

function heightOf(element: Element): number | undefined {
  const measured = element.getBoundingClientRect().height;
  if (measured > 0) return measured;
  // Without layout (tests), the declared height is all there is.
  const declared = Number.parseFloat(computedStyle(element)?.height ?? '');
  return Number.isFinite(declared) && declared > 0 ? declared : undefined;
}

export function readGmailTheme(doc: Document): GmailTheme {
  const surface = queryGmail(doc, gmailSelectors.themeSurface) ?? doc.body;
  const colour = paintedBackground(surface);
  if (colour === undefined) return 'light'; // nothing painted: Gmail's default theme
  return relativeLuminance(colour) < 0.2 ? 'dark' : 'light';
}

export function readGmailDensity(doc: Document): GmailDensity {
  const navItem = queryGmail(doc, gmailSelectors.navItem);
  const navChild = navItem?.firstElementChild;
  const navHeight =
    navItem === undefined ? undefined : (heightOf(navItem) ?? (navChild ? heightOf(navChild) : undefined));
  if (navHeight !== undefined && navHeight <= COMPACT_NAV_ITEM_PX) return 'compact';
  const row = queryAllGmail(doc, gmailSelectors.threadRow)[0];
  const rowHeight = row === undefined ? undefined : heightOf(row);
  if (rowHeight !== undefined && rowHeight <= COMPACT_ROW_PX) return 'compact';
  return 'default';
}

/** Gmail's theme and density now. Never throws: an unreadable page looks like Gmail's default. */
export function readGmailLook(doc: Document): GmailLook {
  try {
    return { theme: readGmailTheme(doc), density: readGmailDensity(doc) };
  } catch {
    return LIGHT;
  }
}

export interface WatchLookOptions {
  /** Gmail swaps stylesheets and classes in bursts; one answer per burst. */
  debounceMs?: number;
}

/**
 * Calls `onChange` with the look now and whenever it changes: Gmail restyles by swapping `<style>` sheets
 * and classes (InboxSDK watches the same), and follows the system's colour scheme in its device theme.
 * Stops when `signal` aborts.
 */
export function watchGmailLook(
  doc: Document,
  onChange: (look: GmailLook) => void,
  signal: AbortSignal,
  { debounceMs = 100 }: WatchLookOptions = {},
): void {
  if (signal.aborted) return;
  let current = readGmailLook(doc);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    timer = undefined;
    if (signal.aborted) return;
    const next = readGmailLook(doc);
    if (next.theme === current.theme && next.density === current.density) return;
    current = next;
    onChange(next);
  };
  const schedule = () => {
    if (timer === undefined) timer = setTimeout(check, debounceMs);
  };
  const observer = observeMutations(doc, schedule);
  // Classes on the page's roots and on the content section, and <style> sheets swapped in <head>; not the
  // whole page, whose classes change on every hover.
  const styled = { attributes: true, attributeFilter: ['class', 'style'] };
  observer.observe(doc.documentElement, styled);
  if (doc.body) observer.observe(doc.body, styled);
  const surface = queryGmail(doc, gmailSelectors.themeSurface);
  if (surface) observer.observe(surface, styled);
  observer.observe(doc.head, { childList: true, characterData: true, subtree: true });
  const media = doc.defaultView?.matchMedia?.('(prefers-color-scheme: dark)');
  media?.addEventListener('change', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer !== undefined) clearTimeout(timer);
  });
  onChange(current);
}
