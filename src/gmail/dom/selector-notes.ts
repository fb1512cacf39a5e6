/**
 * Where each selector in `selectors.ts` comes from: the Gmail layout its candidates were seen in, the date,
 * and the public source (the bracketed names are listed at the top of `selectors.ts`). Kept apart from the
 * selectors so these notes never ship in the content script; `selectors.test.ts` checks every selector has one.
 */
import type { GmailSelectorName } from './selectors';

export const SELECTOR_NOTES: Readonly<Record<GmailSelectorName, string>> = {
  mainRegion: '2026-11-23 [gmailjs]: one div[role=main] holds the list or the thread.',
  themeSurface: '2026-11-23 [inboxsdk-styles]: the content section .bkK > .nH is dark in dark themes.',
  navItem: '2026-11-23 [inboxsdk-styles]: .aim nav items, 24 px high when compact.',
  accountButton: '2026-11-23 [design]: "Google Account: Name (address)" on a link to accounts.google.com.',
  threadSubject: '2026-11-23 [design] [inboxsdk-thread]: h2.hP[data-thread-perm-id][data-legacy-thread-id].',
  message:
    '2026-11-23 [design] [inboxsdk-message]: div.adn.ads[data-message-id="#msg-f:<dec>"][data-legacy-message-id].',
  inlineReplyBody:
    '2026-11-23 [design] [flowcrypt]: .M9 .Ap div[g_editable=true][role=textbox][aria-label="Message Body"].',
  composeDialog:
    '2026-11-23 [compose-html] [inboxsdk-getter]: div.nH.Hd[role=dialog] inside .dw .nH > .nH > .no.',
  composeDialogBody: '2026-11-23 [design] [compose-html]: [role=dialog] [g_editable=true].',
  fullscreenComposeBody: '2026-11-23 [inboxsdk-getter]: full-screen compose lives in .aSs .aSt.',
  composeSubject: '2026-11-23 [subjectbox]: compose and reply forms hold input[name=subjectbox].',
  messageSender: '2026-11-23 [message-parts] [inboxsdk-message]: h3.iw span.gD[email][name] in each message.',
  messageBody:
    '2026-11-23 [message-parts] [inboxsdk-message]: div.a3s under .ii.gt, signature and quote inside.',
  replyButton:
    "2026-11-23 [message-parts] [flowcrypt]: a message header's [role=button][data-tooltip=Reply]; .amn .ams.bkH below.",
  composeSendButton:
    '2026-11-23 [send-button]: div.T-I.aoO[role=button] in .dC; the arrow beside it has a popup.',
  composeAttachment: '2026-11-23 [send-button]: each attached file carries input[type=hidden][name=attach].',
  threadList: '2026-11-23 [gmailjs] [inboxsdk-getter]: [gh=tl] inside div[role=main].',
  previewPane: '2026-11-23 [gmailjs] [inboxsdk-getter]: the list [gh=tl] has .aia with the preview pane on.',
  threadRow: '2026-11-23 [design] [gmailjs]: tr.zA[role=row] rows in the [gh=tl] grid.',
  rowThreadIds:
    '2026-11-23 [design]: [data-thread-id="#thread-f:<dec>"][data-legacy-thread-id=<hex>] inside tr.zA.',
  rowCheckbox: '2026-11-23 [row-selection]: div.oZ-jc[role=checkbox][aria-checked] in the first cell.',
  selectedRow: '2026-11-23 [row-selection]: Gmail adds .x7 to a checked row.',
};
