// zod/mini: these schemas ship in the content script, which every Gmail tab loads.
import { z } from 'zod/mini';

/**
 * The agent's settings, kept in `chrome.storage.sync` so they follow the agent between browsers.
 * An empty client id means "not configured yet": the sidebar then explains where to paste one.
 */

/** Google OAuth client ids look like `1234-abc.apps.googleusercontent.com`. */
const OAUTH_CLIENT_ID = /^(?:|[A-Za-z0-9][\w.-]*\.apps\.googleusercontent\.com)$/;

export const settingsSchema = z.object({
  clientId: z.string().check(
    z.trim(),
    z.maxLength(200),
    // Empty means "not configured yet"; a regex check is smaller in the content script than a refine.
    z.regex(OAUTH_CLIENT_ID, 'An OAuth client id ends with .apps.googleusercontent.com'),
  ),
  agentName: z.string().check(z.trim(), z.maxLength(80)),
  /** Keyboard shortcuts the agent re-bound: action id → key combination (`Alt+Shift+M`); defaults fill the rest. */
  shortcuts: z._default(z.record(z.string().check(z.maxLength(40)), z.string().check(z.maxLength(40))), {}),
});

export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { clientId: '', agentName: '', shortcuts: {} };

/** The key under which the settings live in chrome.storage.sync. */
export const SETTINGS_STORAGE_KEY = 'labeldesk.settings';
