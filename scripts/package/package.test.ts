import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { assertManifestVersion, PackageError, readVersion, zipFolder, zipName } from './package';

const made: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'labeldesk-package-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the package checks', () => {
  it('names zips by store and version', () => {
    expect(zipName('firefox', '1.2.3')).toBe('labeldesk-firefox-1.2.3.zip');
  });

  it('refuses a manifest whose version is not package.json’s', () => {
    const dir = folder({ 'manifest.json': '{"version": "0.1.0"}' });
    expect(() => assertManifestVersion(join(dir, 'manifest.json'), '0.1.0')).not.toThrow();
    expect(() => assertManifestVersion(join(dir, 'manifest.json'), '0.2.0')).toThrow(PackageError);
  });

  it('refuses a version the stores do not take', () => {
    const dir = folder({ 'package.json': '{"version": "1.0.0-beta.1"}' });
    expect(() => readVersion(join(dir, 'package.json'))).toThrow(/1 to 4 numbers/);
  });

  it('zips the shippable files only, the same bytes every time', () => {
    const dir = folder({
      'manifest.json': '{}',
      'assets/main.js': 'x',
      'assets/main.js.map': '{}',
      '.DS_Store': '',
      'icons/.DS_Store': '',
      '.vite/manifest.json': '{}',
      'assets/a.test.js': '',
    });
    const { zip, files } = zipFolder(dir);
    expect(files).toEqual(['assets/main.js', 'manifest.json']);
    expect(Object.keys(unzipSync(zip)).sort()).toEqual(files);
    expect(Buffer.from(zipFolder(dir).zip).equals(Buffer.from(zip))).toBe(true);
  });

  it('refuses a folder without a manifest', () => {
    expect(() => zipFolder(folder({ 'a.js': '' }))).toThrow(/no manifest.json/);
  });
});
