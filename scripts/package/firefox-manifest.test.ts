import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { firefoxManifest, GECKO_ID, GECKO_MIN_VERSION } from './firefox-manifest';
import { isShippable } from './package';

describe('firefoxManifest', () => {
  const firefox = firefoxManifest(manifest);

  it('runs the background as an event page module instead of a service worker', () => {
    expect(firefox.background).toEqual({ scripts: ['src/background/main.ts'], type: 'module' });
  });

  it('gives the add-on a fixed id, a minimum Firefox and a data collection declaration', () => {
    expect(firefox.browser_specific_settings).toMatchObject({
      gecko: {
        id: GECKO_ID,
        strict_min_version: GECKO_MIN_VERSION,
        data_collection_permissions: { required: ['none'] },
      },
    });
  });

  it('drops the keys only Chrome reads and keeps everything else', () => {
    expect(firefox).not.toHaveProperty('key');
    expect(firefox).not.toHaveProperty('minimum_chrome_version');
    const { key, minimum_chrome_version, background, ...shared } = manifest;
    expect(firefox).toMatchObject(shared);
  });

  it('leaves the Chrome manifest untouched', () => {
    expect(manifest.background).toEqual({ service_worker: 'src/background/main.ts', type: 'module' });
    expect(manifest).toHaveProperty('key');
  });
});

describe('isShippable', () => {
  it.each([
    ['manifest.json', true],
    ['assets/main.ts-abc.js', true],
    ['_locales/ja/messages.json', true],
    ['assets/main.ts-abc.js.map', false],
    ['.DS_Store', false],
    ['icons/.DS_Store', false],
    ['.vite/manifest.json', false],
    ['.gitignore', false],
    ['assets/sidebar.test.js', false],
    ['assets/ticket.spec.ts', false],
    ['test/fixture.json', false],
  ])('%s → %s', (path, shippable) => {
    expect(isShippable(path)).toBe(shippable);
  });
});
