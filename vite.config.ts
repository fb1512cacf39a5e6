import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.json' with { type: 'json' };
import pkg from './package.json' with { type: 'json' };

// The manifest's version always follows package.json, so store packages are versioned from one place.
export default defineConfig({
  plugins: [
    preact(),
    crx({
      manifest: { ...manifest, version: pkg.version },
      contentScripts: { standaloneFiles: ['src/content/main.tsx'] },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'chrome120',
  },
  server: { cors: { origin: [/chrome-extension:\/\//] } },
});
