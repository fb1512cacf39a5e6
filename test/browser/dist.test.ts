import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertBuilt, DIST_PATH } from './chromium';

/** Every file of the built extension, as text. */
function builtFiles(dir = DIST_PATH): { path: string; text: string }[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return builtFiles(path);
    return [{ path: relative(DIST_PATH, path), text: readFileSync(path, 'latin1') }];
  });
}

// The bundle under test is the production bundle: nothing in it may point at the local stand-in.
const STANDIN_TRACES: [string, RegExp][] = [
  // `localhost` as a host to reach (`//localhost`, `localhost:8080`); the word alone is no address (the checks
  // before sending name it among the hosts a link in a reply must not point at).
  ['a loopback address', /\b127\.0\.0\.1\b|\/\/localhost\b|\blocalhost:\d|\[::1\]|\b0\.0\.0\.0\b/i],
  ['a URL with an explicit port', /\b(?:https?|wss?):\/\/[\w.-]+:\d+/i],
  ["the stand-in's control path", /__standin/],
  ['the stand-in itself', /gmail-standin/],
];

describe('the built extension', () => {
  it('exists', () => {
    assertBuilt();
    expect(builtFiles().map((file) => file.path)).toContain('manifest.json');
  });

  it.each(STANDIN_TRACES)('contains no stand-in address: %s', (_what, pattern) => {
    const hits = builtFiles()
      .filter((file) => pattern.test(file.text))
      .map((file) => `${file.path}: ${pattern.exec(file.text)?.[0]}`);
    expect(hits).toEqual([]);
  });

  it('talks to Google: the Gmail API and the authorize endpoint are in the bundle', () => {
    const all = builtFiles()
      .map((file) => file.text)
      .join('\n');
    expect(all).toContain('https://gmail.googleapis.com');
    expect(all).toContain('https://accounts.google.com/o/oauth2/v2/auth');
  });
});
