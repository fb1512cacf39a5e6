/**
 * `npm run package`: the store packages. Builds the extension for Chrome (dist/) and for Firefox (dist-firefox/)
 * from the same sources, checks that every manifest carries package.json's version, and writes
 * `packages/labeldesk-chrome-<version>.zip` (Chrome Web Store) and `packages/labeldesk-firefox-<version>.zip`
 * (addons.mozilla.org). Source maps, tests and dot files (.DS_Store, .gitignore) never go into a zip.
 * Prints one JSON line: the two zips with their sizes and file counts.
 *
 * `--no-build` zips what dist/ and dist-firefox/ already hold (the checks still run).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Zippable, zipSync } from 'fflate';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PACKAGES_DIR = join(ROOT, 'packages');

export type Target = 'chrome' | 'firefox';

export const TARGETS: Record<Target, { outDir: string; buildArgs: string[] }> = {
  chrome: { outDir: join(ROOT, 'dist'), buildArgs: ['build'] },
  firefox: { outDir: join(ROOT, 'dist-firefox'), buildArgs: ['build', '--mode', 'firefox'] },
};

export function zipName(target: Target, version: string): string {
  return `labeldesk-${target}-${version}.zip`;
}

/** Whether a built file (path relative to the build folder, `/`-separated) belongs in a store package. */
export function isShippable(path: string): boolean {
  const parts = path.split('/');
  const name = parts.at(-1) ?? '';
  if (parts.some((part) => part.startsWith('.'))) return false; // .DS_Store, .gitignore, .vite/…
  if (name.endsWith('.map')) return false;
  if (/\.(test|spec)\.[cm]?[jt]sx?$/.test(name)) return false;
  if (parts.some((part) => part === '__tests__' || part === 'test' || part === 'tests')) return false;
  if (name === 'Thumbs.db') return false;
  return true;
}

/** Every file under `dir`, as `/`-separated paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const walk = (at: string): string[] =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const path = join(at, entry.name);
      return entry.isDirectory() ? walk(path) : [relative(dir, path).split(sep).join('/')];
    });
  return walk(dir).sort();
}

export class PackageError extends Error {
  override name = 'PackageError';
}

export function readVersion(packageJsonPath = join(ROOT, 'package.json')): string {
  const { version } = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { version?: unknown };
  if (typeof version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(version)) {
    // Both stores take one to four dot-separated integers and nothing else (no "-beta").
    throw new PackageError(
      `package.json's version ${JSON.stringify(version)} is not 1 to 4 numbers with dots`,
    );
  }
  return version;
}

/** Fails unless the manifest at `path` says `version`. */
export function assertManifestVersion(path: string, version: string): void {
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { version?: unknown };
  if (manifest.version !== version) {
    throw new PackageError(
      `${relative(ROOT, path)} says version ${JSON.stringify(manifest.version)}, package.json says ${version}: ` +
        'set both to the same version',
    );
  }
}

/** The zip of a build folder: shippable files only, fixed dates, so the same build gives the same bytes. */
export function zipFolder(dir: string): { zip: Uint8Array; files: string[] } {
  const files = listFiles(dir).filter(isShippable);
  if (!files.includes('manifest.json')) throw new PackageError(`${relative(ROOT, dir)} has no manifest.json`);
  const entries: Zippable = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  for (const file of files) entries[file] = [readFileSync(join(dir, file)), { mtime, level: 9 }];
  return { zip: zipSync(entries), files };
}

function build(target: Target): void {
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const result = spawnSync(process.execPath, [vite, ...TARGETS[target].buildArgs], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) throw new PackageError(`the ${target} build failed (vite exit ${result.status})`);
}

export interface PackageResult {
  version: string;
  packages: { target: Target; path: string; bytes: number; files: number }[];
}

export function packageAll({ runBuild = true }: { runBuild?: boolean } = {}): PackageResult {
  const version = readVersion();
  // The source manifest must not say another version than the one the stores will see.
  assertManifestVersion(join(ROOT, 'manifest.json'), version);
  mkdirSync(PACKAGES_DIR, { recursive: true });
  // Packages are build output: keep them out of git and Biome without a line in the shared .gitignore.
  writeFileSync(join(PACKAGES_DIR, '.gitignore'), '# npm run package output\n*\n');
  const packages: PackageResult['packages'] = [];
  for (const target of Object.keys(TARGETS) as Target[]) {
    const { outDir } = TARGETS[target];
    if (runBuild) build(target);
    if (!statSync(outDir, { throwIfNoEntry: false })?.isDirectory()) {
      throw new PackageError(`${relative(ROOT, outDir)}/ is missing: run without --no-build`);
    }
    assertManifestVersion(join(outDir, 'manifest.json'), version);
    const { zip, files } = zipFolder(outDir);
    const path = join(PACKAGES_DIR, zipName(target, version));
    writeFileSync(path, zip);
    packages.push({ target, path: relative(ROOT, path), bytes: zip.byteLength, files: files.length });
  }
  return { version, packages };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const result = packageAll({ runBuild: !process.argv.includes('--no-build') });
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stderr.write(`package: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
