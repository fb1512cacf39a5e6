/**
 * `npx tsx scripts/bench/content-size.ts [dist]`: the content script's files in a build (what the manifest
 * injects into Gmail and everything those files import), each with its size and gzipped size (level 9), the
 * on-demand reply tools' script, and the whole `dist/`. Quick: no browser, just the built files; the sidebar bench reports the same numbers.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { REPLY_TOOLS_FILE } from '../../src/content/reply-tools-names';

export interface FileSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The content script's files: the manifest's content_scripts and every file they import, statically or
 * dynamically, or load through `chrome.runtime.getURL("assets/….js")` (an ES-module loader would).
 */
export async function contentScriptFiles(distPath: string): Promise<string[]> {
  const manifest = JSON.parse(await readFile(join(distPath, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  const seen = new Set<string>();
  const queue = (manifest.content_scripts ?? []).flatMap((c) => (c.js ?? []).map((js) => join(distPath, js)));
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = await readFile(file, 'utf8');
    for (const match of code.matchAll(/(?:from\s*|import\s*\(?\s*|getURL\(\s*)["']([^"']+\.js)["']/g)) {
      const target = match[1] as string;
      // Paths relative to the importing file, or to dist/ (the loader's getURL("assets/…")).
      queue.push(
        target.startsWith('.') ? join(file, '..', target) : join(distPath, target.replace(/^\//, '')),
      );
    }
  }
  return [...seen];
}

/** Every file under a directory. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out;
}

export async function fileSizes(files: readonly string[]): Promise<FileSize[]> {
  return Promise.all(
    files.map(async (file) => {
      const content = await readFile(file);
      return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 9 }).length };
    }),
  );
}

export function total(sizes: readonly FileSize[]): { bytes: number; gzipBytes: number } {
  return {
    bytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
    gzipBytes: sizes.reduce((sum, size) => sum + size.gzipBytes, 0),
  };
}

async function main(distPath: string): Promise<void> {
  const content = await fileSizes(await contentScriptFiles(distPath));
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const row = (name: string, size: { bytes: number; gzipBytes: number }) =>
    `${kb(size.bytes).padStart(10)} ${kb(size.gzipBytes).padStart(10)}  ${name}`;
  console.log(`${'bytes'.padStart(10)} ${'gzip -9'.padStart(10)}  content script (${distPath})`);
  for (const size of content) console.log(row(relative(distPath, size.file), size));
  const sum = total(content);
  console.log(row(`content script total (${sum.gzipBytes} bytes gzipped)`, sum));
  // Not loaded with Gmail: the worker runs it in a tab on first use (src/content/reply-tools-api.ts).
  const [onDemand] = await fileSizes([join(distPath, REPLY_TOOLS_FILE)]);
  if (onDemand)
    console.log(row(`${REPLY_TOOLS_FILE}, on first use (${onDemand.gzipBytes} bytes gzipped)`, onDemand));
  const dist = await filesUnder(distPath);
  console.log(row(`dist/, ${dist.length} files`, total(await fileSizes(dist))));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main(process.argv[2] ?? 'dist');
}
