import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../scripts/package/firefox-manifest';
import { ROOT } from '../../scripts/package/package';

/**
 * `npm run package` end to end: the real script builds both browsers and writes both zips; this reads the zips
 * back and lints exactly what goes to addons.mozilla.org with `web-ext lint`. About 20 s, most of it the lint.
 */

const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const SOURCE_MANIFEST = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<
  string,
  unknown
>;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface PackageOutput {
  version: string;
  packages: { target: 'chrome' | 'firefox'; path: string; files: number }[];
}

let output: PackageOutput;
const zips = new Map<string, Record<string, Uint8Array>>();
let unpacked: string;

const manifestOf = (target: string) =>
  JSON.parse(new TextDecoder().decode(zips.get(target)?.['manifest.json'])) as Record<string, unknown>;

beforeAll(async () => {
  const result = await run([join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/package/package.ts']);
  if (result.code !== 0) throw new Error(`npm run package failed (${result.code}):\n${result.stderr}`);
  output = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '') as PackageOutput;
  for (const { target, path } of output.packages) zips.set(target, unzipSync(readFileSync(join(ROOT, path))));
  // The Firefox zip, unpacked, is what web-ext lints: the shipped files, not the build folder.
  unpacked = mkdtempSync(join(tmpdir(), 'labeldesk-firefox-zip-'));
  for (const [name, bytes] of Object.entries(zips.get('firefox') ?? {})) {
    mkdirSync(dirname(join(unpacked, name)), { recursive: true });
    writeFileSync(join(unpacked, name), bytes);
  }
}, 120_000);

afterAll(() => {
  if (unpacked) rmSync(unpacked, { recursive: true, force: true });
});

describe('npm run package', () => {
  it("writes one zip per store, named with package.json's version", () => {
    expect(output.version).toBe(VERSION);
    expect(output.packages.map((entry) => entry.path)).toEqual([
      `packages/labeldesk-chrome-${VERSION}.zip`,
      `packages/labeldesk-firefox-${VERSION}.zip`,
    ]);
  });

  it.each(['chrome', 'firefox'])('%s: the manifest at the root carries the version', (target) => {
    expect(manifestOf(target).version).toBe(VERSION);
    expect(manifestOf(target).manifest_version).toBe(3);
  });

  it.each(['chrome', 'firefox'])(
    '%s: no source maps, tests or dot files; every file the manifest names is there',
    (target) => {
      const names = Object.keys(zips.get(target) ?? {});
      expect(names.filter((name) => /\.map$|\.(test|spec)\.|(^|\/)\.|(^|\/)\.DS_Store$/.test(name))).toEqual(
        [],
      );
      // No file points at a source map that is not shipped.
      const mapped = names.filter((name) =>
        /sourceMappingURL=/.test(new TextDecoder().decode(zips.get(target)?.[name])),
      );
      expect(mapped).toEqual([]);
      const manifest = manifestOf(target) as {
        background: { service_worker?: string; scripts?: string[] };
        content_scripts: { js: string[] }[];
        options_ui: { page: string };
        icons: Record<string, string>;
      };
      const named = [
        ...(manifest.background.scripts ?? [manifest.background.service_worker ?? '']),
        ...manifest.content_scripts.flatMap((script) => script.js),
        manifest.options_ui.page,
        ...Object.values(manifest.icons),
        'privacy.html',
        'privacy.ru.html',
        'privacy.pl.html',
        'privacy.ja.html',
        'privacy.css',
        '_locales/en/messages.json',
        '_locales/ja/messages.json',
      ];
      for (const file of named) expect(names, file).toContain(file);
    },
  );

  it('chrome: the service worker, the key and the minimum Chrome stay; nothing of Firefox', () => {
    const manifest = manifestOf('chrome');
    expect(manifest.background).toEqual({ service_worker: 'service-worker-loader.js', type: 'module' });
    expect(manifest.key).toBe(SOURCE_MANIFEST.key);
    expect(manifest.minimum_chrome_version).toBe(SOURCE_MANIFEST.minimum_chrome_version);
    expect(manifest).not.toHaveProperty('browser_specific_settings');
  });

  it('firefox: an event page, the gecko id, no Chrome-only keys, same permissions', () => {
    const manifest = manifestOf('firefox');
    expect(manifest.background).toEqual({ scripts: ['service-worker-loader.js'], type: 'module' });
    expect(manifest.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID } });
    expect(manifest).not.toHaveProperty('key');
    expect(manifest).not.toHaveProperty('minimum_chrome_version');
    expect(manifest.permissions).toEqual(SOURCE_MANIFEST.permissions);
    expect(manifest.host_permissions).toEqual(SOURCE_MANIFEST.host_permissions);
    expect(manifest.content_security_policy).toEqual(SOURCE_MANIFEST.content_security_policy);
  });

  it("both zips ship the same files; Firefox's code calls its promise-based `browser` where Chrome's calls `chrome`", () => {
    const unhashed = (target: string) =>
      Object.keys(zips.get(target) ?? {})
        .map((name) => name.replace(/-[\w-]{8}\.js$/, '.js'))
        .sort();
    expect(unhashed('firefox')).toEqual(unhashed('chrome'));
    const code = (target: string) =>
      Object.entries(zips.get(target) ?? {})
        .filter(([name]) => name.endsWith('.js'))
        .map(([, bytes]) => new TextDecoder().decode(bytes))
        .join('\n');
    // An extension API reached through the bare `chrome` global (not `globalThis.chrome?.…`, which is looked up).
    const chromeCall =
      /(?<![.\w$])chrome\.(storage|runtime|tabs|identity|alarms|notifications|scripting|windows)\b/;
    expect(code('chrome')).toMatch(chromeCall);
    expect(code('chrome')).not.toContain('globalThis.browser');
    expect(code('firefox')).not.toMatch(chromeCall);
    expect(code('firefox')).toContain('globalThis.browser.storage');
  });

  it('web-ext lint passes the Firefox package with 0 errors', async () => {
    const result = await run([
      join(ROOT, 'node_modules/web-ext/bin/web-ext.js'),
      'lint',
      '--source-dir',
      unpacked,
      '--output',
      'json',
      '--no-config-discovery',
    ]);
    const report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{'))) as {
      errors: { code: string; message: string; file?: string }[];
      warnings: { code: string; file?: string }[];
    };
    expect(report.errors.map((error) => `${error.code} ${error.file ?? ''}: ${error.message}`)).toEqual([]);
    // The warnings README.md explains, and no other kind: a new one needs a reason there first.
    const kinds = new Set(report.warnings.map((warning) => warning.code));
    expect([...kinds].filter((kind) => !['UNSAFE_VAR_ASSIGNMENT', 'DANGEROUS_EVAL'].includes(kind))).toEqual(
      [],
    );
  }, 60_000);
});
