/** The UI's strings come from `public/_locales/<lang>/messages.json` through Chrome's i18n API. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

/** The message in the browser's language; the key itself where chrome.i18n is missing (unit tests). */
export function t(key: MessageKey, detail?: string): string {
  const message = globalThis.chrome?.i18n?.getMessage(key, detail === undefined ? undefined : [detail]);
  return message === undefined || message === '' ? key : message;
}

export function uiLanguage(): string {
  return globalThis.chrome?.i18n?.getUILanguage() ?? 'en';
}
