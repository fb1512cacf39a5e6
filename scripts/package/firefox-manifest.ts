/**
 * The Firefox manifest, derived from the Chrome one (manifest.json) so both builds ship the same extension.
 * Firefox's MV3 differs in a few keys (README.md, "Firefox"):
 * - the background runs as an event page (`background.scripts`): Firefox has no extension service workers;
 * - `browser_specific_settings.gecko` gives the add-on a fixed id (which also fixes the OAuth redirect URL,
 *   `https://<sha1 of the id>.extensions.allizom.org/`), the oldest Firefox it runs on, and the data
 *   collection declaration addons.mozilla.org requires of new add-ons;
 * - Chrome-only keys go: `key` (Chrome's way of fixing the id) and `minimum_chrome_version`.
 */

/** The add-on id on addons.mozilla.org. Changing it changes the OAuth redirect URL agents must register. */
export const GECKO_ID = 'labeldesk@labeldesk.app';
/**
 * Firefox 140 (the 2025 ESR): MV3 event pages as modules, `storage.session`, host permissions shown at install
 * (127), and the built-in data collection consent (`data_collection_permissions`, 140).
 */
export const GECKO_MIN_VERSION = '140.0';
/**
 * Firefox for Android reads `data_collection_permissions` from 142 on. Android is not a target (Gmail's mobile
 * site has no thread view to attach to), but the key says which version would be, and keeps `web-ext lint` quiet.
 */
export const GECKO_ANDROID_MIN_VERSION = '142.0';

/** The keys Firefox does not know or that only Chrome may read. */
const CHROME_ONLY_KEYS = ['key', 'minimum_chrome_version'] as const;

export interface ChromeManifestLike {
  manifest_version: number;
  version: string;
  background?: { service_worker?: string; type?: string; scripts?: string[] };
  [key: string]: unknown;
}

/** A new object: the input is left as it is (the Chrome build reads the same manifest). */
export function firefoxManifest<M extends ChromeManifestLike>(chrome: M): Record<string, unknown> {
  const out: Record<string, unknown> = structuredClone(chrome);
  for (const key of CHROME_ONLY_KEYS) delete out[key];
  const background = chrome.background;
  if (background?.service_worker !== undefined) {
    out.background = {
      scripts: [background.service_worker],
      ...(background.type ? { type: background.type } : {}),
    };
  }
  out.browser_specific_settings = {
    gecko: {
      id: GECKO_ID,
      strict_min_version: GECKO_MIN_VERSION,
      // Labeldesk sends nothing to its makers or to anyone but Google's Gmail API, which the agent signs in to
      // (PRIVACY: public/privacy.html); Mozilla's "none" means exactly that.
      data_collection_permissions: { required: ['none'] },
    },
    gecko_android: { strict_min_version: GECKO_ANDROID_MIN_VERSION },
  };
  return out;
}
