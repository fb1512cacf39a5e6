import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import puppeteer from 'puppeteer-core';
import { GECKO_ID } from '../../scripts/package/firefox-manifest';

/**
 * Launching Debian's Firefox ESR with the Firefox build of the extension (README.md, "Firefox"), driven over
 * WebDriver BiDi. Firefox has no `--host-resolver-rules`, so Google's hosts reach the stand-in through a tiny
 * CONNECT proxy on loopback that sends only those hosts, all to the stand-in's TLS port; the stand-in's
 * self-signed certificate is accepted by the BiDi session's `acceptInsecureCerts`.
 */

const ROOT = join(import.meta.dirname, '../..');
const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
/** The hosts the proxy lets through; anything else (Mozilla's own services included) is refused. */
export const PROXIED_HOSTS = ['mail.google.com', 'gmail.googleapis.com', 'accounts.google.com'] as const;
/**
 * The moz-extension UUID the profile gives the add-on (pref `extensions.webextensions.uuids`), so the test knows
 * its pages' URLs. Any fixed UUID does; Firefox picks a random one per profile otherwise.
 */
export const FIREFOX_EXTENSION_UUID = '6c1b7f0e-3a51-4d0e-9a8e-1abe1de5c0de';
export const FIREFOX_EXTENSION_ORIGIN = `moz-extension://${FIREFOX_EXTENSION_UUID}`;

export function findFirefox(): string | undefined {
  const fromEnv = process.env.FIREFOX_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return existsSync(fromEnv) ? fromEnv : undefined;
  return FIREFOX_CANDIDATES.find((path) => existsSync(path));
}

/**
 * Builds the Firefox extension (`vite build --mode firefox`) into its own temporary folder, so the test never
 * races another build of `dist-firefox/` in the same working tree (`npm run package` writes it too).
 */
export async function buildFirefoxExtension(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'labeldesk-firefox-build-'));
  const remove = () => rm(dir, { recursive: true, force: true, maxRetries: 3 });
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [vite, 'build', '--mode', 'firefox', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
    });
    child.stderr.on('data', (chunk) => {
      text += chunk;
    });
    child.on('error', reject);
    child.on('close', (exit) => resolve({ code: exit, output: text }));
  });
  if (code !== 0 || !existsSync(join(dir, 'manifest.json'))) {
    await remove();
    throw new Error(`vite build --mode firefox failed (${code}):\n${output.slice(-4000)}`);
  }
  return { dir, remove };
}

export interface ConnectProxy {
  port: number;
  /** `host:port` of every CONNECT asked for, refused ones included, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Longest CONNECT head the proxy reads; a browser's is a few hundred bytes. */
const MAX_HEAD_BYTES = 8192;
const MAX_CONNECTIONS = 64;

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that tunnels `<one of PROXIED_HOSTS>:443` to the stand-in's TLS port and
 * answers 403 to anything else. Bounded: a head of at most 8 KB, 64 open tunnels, loopback only.
 */
export async function startConnectProxy(tlsPort: number): Promise<ConnectProxy> {
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let head = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) {
        if (head.length > MAX_HEAD_BYTES) client.destroy();
        return;
      }
      client.off('data', onData);
      const [method, target] = head.subarray(0, end).toString('latin1').split(/\s+/, 2);
      requests.push(target ?? '');
      const host = target?.replace(/:443$/, '');
      if (method !== 'CONNECT' || !PROXIED_HOSTS.some((allowed) => allowed === host)) {
        client.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const upstream = connect(tlsPort, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length > 0) upstream.write(rest);
        client.pipe(upstream);
        upstream.pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => {
        sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
    };
    client.on('data', onData);
  });
  server.maxConnections = MAX_CONNECTIONS;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The proxy has no port');
  return {
    port: address.port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Firefox prefs: every HTTPS request through the proxy, no first-run pages, the add-on's UUID fixed. */
export function firefoxPrefs(proxyPort: number): Record<string, unknown> {
  return {
    'network.proxy.type': 1,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.share_proxy_settings': false,
    'network.proxy.no_proxies_on': '',
    // The host names go to the proxy in CONNECT; Firefox must not look them up itself.
    'network.proxy.socks_remote_dns': true,
    'network.dns.disableIPv6': true,
    // The stand-in's certificate is self-signed; Google's hosts are on the HSTS preload list.
    'network.stricttransportsecurity.preloadlist': false,
    'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
    'browser.shell.checkDefaultBrowser': false,
    'intl.locale.requested': 'en-US',
  };
}

export interface FirefoxWithExtension {
  browser: Browser;
  proxy: ConnectProxy;
  /** The id `webExtension.install` answered: the manifest's gecko id. */
  extensionId: string;
  close(): Promise<void>;
}

/**
 * Headless Firefox ESR with the extension in `extensionDir` installed temporarily, Google's hosts proxied;
 * `prefs` are added to (or override) `firefoxPrefs`; `dumpio` shows Firefox's output, the extension's console
 * included (`FIREFOX_DUMPIO=1 npx vitest run --project browser test/browser/firefox.test.ts`).
 */
export async function launchFirefox(
  executablePath: string,
  extensionDir: string,
  tlsPort: number,
  options: { prefs?: Record<string, unknown>; dumpio?: boolean } = {},
): Promise<FirefoxWithExtension> {
  const proxy = await startConnectProxy(tlsPort);
  let browser: Browser | undefined;
  try {
    browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath,
      headless: true,
      acceptInsecureCerts: true,
      defaultViewport: { width: 1440, height: 900 },
      dumpio: options.dumpio ?? false,
      extraPrefsFirefox: {
        ...firefoxPrefs(proxy.port),
        // The extension's console (background page, content scripts) on Firefox's stdout, beside its own.
        ...(options.dumpio ? { 'devtools.console.stdout.content': true } : {}),
        ...options.prefs,
      },
    });
    const extensionId = await browser.installExtension(extensionDir);
    const launched = browser;
    return {
      browser: launched,
      proxy,
      extensionId,
      async close() {
        await launched.close();
        await proxy.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await proxy.close();
    throw error;
  }
}
