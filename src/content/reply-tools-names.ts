// Shared by the build (vite.config.ts), the service worker that injects the reply tools and the scripts
// in the tab: constants only, so none of them carries the others' code.

/** Where the reply tools' script lands in dist/ (vite.config.ts builds it; the worker injects it). */
export const REPLY_TOOLS_FILE = 'src/content/reply-tools.js';
/** The property of the isolated world's global object the reply tools register under. */
export const REPLY_TOOLS_GLOBAL = '__labeldeskReplyTools';
/** The reply tools' entry module. */
export const REPLY_TOOLS_ENTRY = 'src/reply-tools/main.tsx';
