import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { build, defineConfig, type Plugin, type ResolvedConfig, type Rolldown } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };
import { compactCssLiterals } from './scripts/build/compact-css.js';

const TARGET = 'chrome120';

/**
 * The content script is built on its own, as one classic script (IIFE) with everything it uses inlined.
 * As an ES module it would share chunks with the service worker and the options page, and a shared chunk
 * carries what any of them needs (zod classes and schemas the content script never runs), behind a loader
 * that imports it and web_accessible_resources that let any Gmail page fetch our files. On its own it
 * holds only what it uses; its CSS constants are compacted (scripts/build/compact-css.ts).
 *
 * `vite build` builds it here and puts it into the manifest; the dev server leaves it to crxjs (its own
 * IIFE build of the same file, with reloading).
 */
const CONTENT_ENTRY = 'src/content/main.tsx';
const CONTENT_FILE = 'src/content/main.js';

function contentScript(): Plugin {
  let config: ResolvedConfig;
  let code: string | undefined;
  return {
    name: 'labeldesk:content-script',
    apply: 'build',
    configResolved(resolved) {
      config = resolved;
    },
    async buildStart() {
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
          target: TARGET,
          lib: { entry: CONTENT_ENTRY, formats: ['iife'], name: 'labeldesk', fileName: () => CONTENT_FILE },
        },
      });
      const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
      const chunks = outputs.flatMap((output) => output.output).filter((item) => item.type === 'chunk');
      const [entry] = chunks;
      if (chunks.length !== 1 || !entry) {
        throw new Error(`the content script must build to one file, got ${chunks.length}`);
      }
      // `vite build --watch` rebuilds when a module of the content script changes.
      for (const id of Object.keys(entry.modules)) if (!id.startsWith('\0')) this.addWatchFile(id);
      code = entry.code;
    },
    generateBundle: {
      // After crxjs's own generateBundle, which writes manifest.json without the content script.
      order: 'post',
      handler(_options, bundle) {
        if (code === undefined) throw new Error('the content script was not built');
        this.emitFile({ type: 'asset', fileName: CONTENT_FILE, source: code });
        const manifestAsset = bundle['manifest.json'];
        if (manifestAsset?.type !== 'asset') throw new Error('crxjs wrote no manifest.json');
        const built = JSON.parse(String(manifestAsset.source));
        built.content_scripts = manifest.content_scripts.map((script) => ({ ...script, js: [CONTENT_FILE] }));
        manifestAsset.source = `${JSON.stringify(built, null, 2)}\n`;
      },
    },
  };
}

// The manifest's version always follows package.json, so store packages are versioned from one place.
export default defineConfig(({ command }) => {
  const { content_scripts, ...withoutContentScripts } = manifest;
  return {
    plugins: [
      preact(),
      compactCssLiterals(),
      command === 'build'
        ? crx({ manifest: { ...withoutContentScripts, version: pkg.version } })
        : crx({
            manifest: { ...manifest, version: pkg.version },
            contentScripts: { standaloneFiles: [CONTENT_ENTRY] },
          }),
      contentScript(),
    ],
    build: {
      outDir: 'dist',
      emptyOutDir: true,
      sourcemap: false,
      target: TARGET,
    },
    server: { cors: { origin: [/chrome-extension:\/\//] } },
  };
});
