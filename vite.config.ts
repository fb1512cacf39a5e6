import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { build, defineConfig, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { compactCssLiterals } from './scripts/build/compact-css.js';
import { firefoxManifest } from './scripts/package/firefox-manifest.js';
import { REPLY_TOOLS_ENTRY, REPLY_TOOLS_FILE } from './src/content/reply-tools-names.js';

const TARGET = 'chrome120';
/** `vite build --mode firefox`: the same sources for Firefox (scripts/package/firefox-manifest.ts), in dist-firefox/. */
const FIREFOX_MODE = 'firefox';
/** What Firefox 140 (GECKO_MIN_VERSION) runs; the Chrome build keeps its own target unchanged. */
const FIREFOX_TARGET = ['chrome120', 'firefox140'];
/**
 * The code calls `chrome.*` and awaits the promises Chrome's MV3 APIs return. Firefox's promise-based namespace is
 * `browser` (its `chrome` alias is for callbacks), and webextension-polyfill in Firefox is nothing but
 * `globalThis.browser`: so the Firefox build binds the `chrome` global to it at compile time, in every entry and
 * both classic scripts, with no byte of polyfill in either build.
 */
const FIREFOX_DEFINE = { chrome: 'globalThis.browser' };

/**
 * The content script is built on its own, as one classic script (IIFE) with everything it uses inlined.
 * As an ES module it would share chunks with the service worker and the options page, and a shared chunk
 * carries what any of them needs (zod classes and schemas the content script never runs), behind a loader
 * that imports it and web_accessible_resources that let any Gmail page fetch our files. On its own it
 * holds only what it uses; its CSS constants are compacted (scripts/build/compact-css.ts).
 *
 * The reply tools (src/content/reply-tools-api.ts) are a second classic script built the same way, which the
 * service worker runs in a Gmail tab on first use (chrome.scripting); the manifest does not list it.
 *
 * `vite build` builds both here and puts the first into the manifest; the dev server leaves the content
 * script to crxjs (its own IIFE build of the same file, with reloading).
 */
const CONTENT_ENTRY = 'src/content/main.tsx';
const CONTENT_FILE = 'src/content/main.js';

/** The scripts built as one classic file each: entry module -> file in dist/. */
const CLASSIC_SCRIPTS = [
  { entry: CONTENT_ENTRY, file: CONTENT_FILE },
  { entry: REPLY_TOOLS_ENTRY, file: REPLY_TOOLS_FILE },
] as const;

function contentScript(target: string | string[]): Plugin {
  let config: ResolvedConfig;
  const built = new Map<string, string>();
  return {
    name: 'labeldesk:content-script',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
      for (const { entry, file } of CLASSIC_SCRIPTS) {
        const { code, sources } = await buildClassicScript(config, entry, file, target);
        // `vite build --watch` rebuilds when one of the script's modules changes.
        for (const source of sources) this.addWatchFile(source);
        built.set(file, code);
      }
    },
    generateBundle: {
      // After crxjs's own generateBundle, which writes manifest.json without the content script.
      order: 'post',
      handler(_options, bundle) {
        for (const { file } of CLASSIC_SCRIPTS) {
          const source = built.get(file);
          if (source === undefined) throw new Error(`${file} was not built`);
          this.emitFile({ type: 'asset', fileName: file, source });
        }
        const manifestAsset = bundle['manifest.json'];
        if (manifestAsset?.type !== 'asset') throw new Error('crxjs wrote no manifest.json');
        const written = JSON.parse(String(manifestAsset.source));
        written.content_scripts = manifest.content_scripts.map((script) => ({
          ...script,
          js: [CONTENT_FILE],
        }));
        manifestAsset.source = `${JSON.stringify(written, null, 2)}\n`;
      },
    },
  };
}

/** One entry built alone as one IIFE, everything it imports inlined; returns its code and its source files. */
async function buildClassicScript(
  config: ResolvedConfig,
  entry: string,
  file: string,
  target: string | string[],
): Promise<{ code: string; sources: string[] }> {
  const result = await build({
    configFile: false,
    root: config.root,
    mode: config.mode,
    define: config.define,
    publicDir: false,
    logLevel: 'warn',
    plugins: [preact(), compactCssLiterals()],
    build: {
      write: false,
      emptyOutDir: false,
      copyPublicDir: false,
      sourcemap: false,
      target,
      lib: { entry, formats: ['iife'], name: 'labeldesk', fileName: () => file },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
  const [chunk] = chunks;
  if (chunks.length !== 1 || !chunk) throw new Error(`${entry} must build to one file, got ${chunks.length}`);
  return { code: chunk.code, sources: Object.keys(chunk.modules).filter((id) => !id.startsWith('\0')) };
}

/** dist-firefox/ is build output like dist/: ignored by git and Biome from inside (the zips leave dot files out). */
function ignoredOutput(): Plugin {
  return {
    name: 'labeldesk:ignored-output',
    apply: 'build',
    generateBundle() {
      this.emitFile({
        type: 'asset',
        fileName: '.gitignore',
        source: '# vite build --mode firefox output\n*\n',
      });
    },
  };
}

// The manifest's version always follows package.json, so store packages are versioned from one place.
export default defineConfig(({ command, mode }) => {
  const firefox = mode === FIREFOX_MODE;
  const target = firefox ? FIREFOX_TARGET : TARGET;
  const { content_scripts, ...withoutContentScripts } = manifest;
  const built = { ...withoutContentScripts, version: pkg.version };
  return {
    plugins: [
      preact(),
      compactCssLiterals(),
      command === 'build'
        ? firefox
          ? // crxjs turns `background.scripts[0]` into its loader, as it does `service_worker` for Chrome.
            crx({ manifest: firefoxManifest(built) as typeof built, browser: 'firefox' })
          : crx({ manifest: built })
        : crx({
            manifest: { ...manifest, version: pkg.version },
            contentScripts: { standaloneFiles: [CONTENT_ENTRY] },
          }),
      contentScript(target),
      ...(firefox ? [ignoredOutput()] : []),
    ],
    ...(firefox ? { define: FIREFOX_DEFINE } : {}),
    build: {
      outDir: firefox ? 'dist-firefox' : 'dist',
      emptyOutDir: true,
      // Pages the manifest does not name (crxjs builds the ones it does): reports and the knowledge base,
      // opened from the options page and by the service worker (issue 7).
      rollupOptions: { input: { reports: 'src/reports/index.html', knowledge: 'src/knowledge/index.html' } },
      sourcemap: false,
      target,
    },
    server: { cors: { origin: [/chrome-extension:\/\//] } },
  };
});
