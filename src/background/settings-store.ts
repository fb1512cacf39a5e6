import { DEFAULT_SETTINGS, SETTINGS_STORAGE_KEY, type Settings, settingsSchema } from '../core/settings';

/** The slice of `chrome.storage.StorageArea` the settings need, so tests can pass a memory area. */
export interface KeyValueArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/** Settings from storage, validated: anything unreadable (an older shape, a hand edit) reads as the defaults. */
export async function loadSettings(area: KeyValueArea = chrome.storage.sync): Promise<Settings> {
  const stored = await area.get(SETTINGS_STORAGE_KEY);
  const parsed = settingsSchema.safeParse(stored[SETTINGS_STORAGE_KEY]);
  return parsed.success ? parsed.data : DEFAULT_SETTINGS;
}

export async function saveSettings(
  settings: Settings,
  area: KeyValueArea = chrome.storage.sync,
): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  await area.set({ [SETTINGS_STORAGE_KEY]: valid });
  return valid;
}
