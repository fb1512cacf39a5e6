/**
 * CORS for the extension's service worker, the OAuth authorize stand-in used by launchWebAuthFlow,
 * media uploads, and the TLS port.
 */

import { createHash, X509Certificate } from 'node:crypto';
import { request } from 'node:https';
import type { gmail_v1 } from '@googleapis/gmail';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, rawMessage, type Standin, startTestStandin } from './standin-harness';

let standin: Standin;
let client: gmail_v1.Gmail;
let url: string;
const origin = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const redirect = 'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/';

beforeAll(async () => {
  ({ standin, client, url } = await startTestStandin({ tlsPort: 0 }));
});
afterAll(() => standin.close());

describe('CORS', () => {
  // https://developer.mozilla.org/en-US/docs/Web/HTTP/CORS#preflighted_requests (Google's API front end answers preflights)
  it('answers a preflight with the origin echoed and the asked headers allowed', async () => {
    const response = await fetch(`${url}/gmail/v1/users/me/threads`, {
      method: 'OPTIONS',
      headers: {
        Origin: origin,
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('access-control-allow-origin')).toBe(origin);
    expect(response.headers.get('access-control-allow-headers')).toContain('authorization');
    expect(response.headers.get('access-control-allow-methods')).toContain('POST');
  });

  // https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Access-Control-Allow-Origin (echoed on the actual response)
  it('echoes the origin on API answers, errors included', async () => {
    const ok = await fetch(`${url}/gmail/v1/users/me/profile`, { headers: { ...AUTH, Origin: origin } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(origin);
    const unauthorised = await fetch(`${url}/gmail/v1/users/me/profile`, { headers: { Origin: origin } });
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get('access-control-allow-origin')).toBe(origin);
  });
});

describe('OAuth authorize stand-in', () => {
  const authorize = (params: Record<string, string>) =>
    fetch(`${url}/o/oauth2/v2/auth?${new URLSearchParams(params)}`, { redirect: 'manual' });
  const valid = {
    client_id: 'labeldesk-test.apps.googleusercontent.com',
    redirect_uri: redirect,
    response_type: 'token',
    scope: 'https://www.googleapis.com/auth/gmail.modify',
    login_hint: 'support@northwind-shop.example',
    state: 'xyz',
  };

  // https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow#handlingresponse (token in the fragment)
  it('redirects to redirect_uri with access_token, token_type, expires_in, scope and state in the fragment', async () => {
    const response = await authorize(valid);
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(redirect);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(fragment.get('access_token')).toBeTruthy();
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('expires_in')).toBe('3599');
    expect(fragment.get('scope')).toBe(valid.scope);
    expect(fragment.get('state')).toBe('xyz');
  });

  // https://developer.chrome.com/docs/extensions/reference/api/identity#method-getRedirectURL (https://<id>.chromiumapp.org/)
  // https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow#authorization-errors-redirect-uri-mismatch
  it('refuses a redirect_uri that is not an extension’s chromiumapp.org address', async () => {
    const response = await authorize({ ...valid, redirect_uri: 'https://evil.example/' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('redirect_uri_mismatch');
  });

  // https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/API/identity/getRedirectURL
  // (https://<sha1 of the add-on id>.extensions.allizom.org/, registered on the client like Chrome's)
  it('redirects to a Firefox add-on’s extensions.allizom.org address with the token', async () => {
    const firefox = `https://${createHash('sha1').update('labeldesk@labeldesk.app').digest('hex')}.extensions.allizom.org/`;
    const response = await authorize({ ...valid, redirect_uri: firefox });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(firefox);
    expect(new URLSearchParams(location.hash.slice(1)).get('access_token')).toMatch(/^ya29\./);
  });

  it('refuses look-alikes of the extensions’ redirect hosts', async () => {
    for (const redirect_uri of [
      'http://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org/',
      'https://abcdefghijklmnopabcdefghijklmnop.chromiumapp.org.evil.example/',
      'https://evil.example/?.extensions.allizom.org/',
      `https://${'a'.repeat(40)}.extensions.allizom.org.evil.example/`,
      `https://${'g'.repeat(40)}.extensions.allizom.org/`,
      `https://${'a'.repeat(40)}.extensions.allizom.org/#fragment`,
    ]) {
      const response = await authorize({ ...valid, redirect_uri });
      expect(response.status, redirect_uri).toBe(400);
      expect(await response.text()).toContain('redirect_uri_mismatch');
    }
  });

  // https://developers.google.com/identity/protocols/oauth2/javascript-implicit-flow#handlingresponse ("error=access_denied")
  it('redirects with error=access_denied in deny mode', async () => {
    await fetch(`${url}/__standin/oauth`, { method: 'POST', body: JSON.stringify({ mode: 'deny' }) });
    const response = await authorize(valid);
    const fragment = new URLSearchParams(new URL(response.headers.get('location') ?? '').hash.slice(1));
    expect(fragment.get('error')).toBe('access_denied');
    expect(fragment.get('state')).toBe('xyz');
    await fetch(`${url}/__standin/oauth`, { method: 'POST', body: JSON.stringify({ mode: 'auto' }) });
  });

  // TOOLCHAIN.md ("A consent page instead opens a popup"): consent mode shows a page; Allow redirects with a token
  it('shows a consent page in consent mode and redirects once allowed', async () => {
    await fetch(`${url}/__standin/oauth`, { method: 'POST', body: JSON.stringify({ mode: 'consent' }) });
    const page = await authorize(valid);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('id="allow"');
    const allowed = await fetch(`${url}/o/oauth2/v2/auth`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...valid, decision: 'allow' }).toString(),
    });
    expect(allowed.status).toBe(302);
    expect(allowed.headers.get('location')).toContain('#access_token=');
    await fetch(`${url}/__standin/oauth`, { method: 'POST', body: JSON.stringify({ mode: 'auto' }) });
  });
});

describe('media uploads', () => {
  // https://developers.google.com/gmail/api/guides/uploads#simple (uploadType=media, message/rfc822)
  it('inserts a message sent as uploadType=media', async () => {
    const raw = Buffer.from(rawMessage({ From: 'a@customer.example', Subject: 'Uploaded' }), 'base64url');
    const response = await fetch(`${url}/upload/gmail/v1/users/me/messages?uploadType=media`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': 'message/rfc822' },
      body: raw,
    });
    expect(response.status).toBe(200);
    const { id } = (await response.json()) as { id: string };
    const got = (await client.users.messages.get({ userId: 'me', id, format: 'metadata' })).data;
    expect(got.payload?.headers).toContainEqual({ name: 'Subject', value: 'Uploaded' });
  });

  // https://developers.google.com/gmail/api/guides/uploads#multipart (metadata part, then the media part)
  it('inserts a message sent as uploadType=multipart with its metadata', async () => {
    const raw = Buffer.from(
      rawMessage({ From: 'a@customer.example', Subject: 'Multipart upload' }),
      'base64url',
    ).toString();
    const boundary = 'upload_boundary';
    const body =
      `--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${JSON.stringify({ labelIds: ['INBOX', 'STARRED'] })}\r\n` +
      `--${boundary}\r\nContent-Type: message/rfc822\r\n\r\n${raw}\r\n--${boundary}--\r\n`;
    const response = await fetch(`${url}/upload/gmail/v1/users/me/messages?uploadType=multipart`, {
      method: 'POST',
      headers: { ...AUTH, 'Content-Type': `multipart/related; boundary=${boundary}` },
      body,
    });
    expect(response.status).toBe(200);
    const json = (await response.json()) as { labelIds: string[] };
    expect(json.labelIds).toEqual(['INBOX', 'STARRED']);
  });
});

describe('TLS port', () => {
  // TOOLCHAIN.md ("accept its self-signed certificate ... --ignore-certificate-errors-spki-list")
  it('serves the API over HTTPS with a certificate for the Google hosts and the SPKI hash it reports', async () => {
    const { status, certificate, body } = await new Promise<{
      status: number;
      certificate: Buffer;
      body: string;
    }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: standin.tlsPort,
          path: '/gmail/v1/users/me/profile',
          headers: { ...AUTH, Host: 'gmail.googleapis.com' },
          servername: 'gmail.googleapis.com',
          rejectUnauthorized: false,
        },
        (res) => {
          const raw = (res.socket as import('node:tls').TLSSocket).getPeerCertificate().raw;
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, certificate: raw, body: text }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
    expect((JSON.parse(body) as { emailAddress: string }).emailAddress).toBe(standin.emailAddress);
    const x509 = new X509Certificate(certificate);
    for (const host of [
      'mail.google.com',
      'gmail.googleapis.com',
      'accounts.google.com',
      'www.googleapis.com',
      'oauth2.googleapis.com',
      'localhost',
    ]) {
      expect(x509.subjectAltName).toContain(`DNS:${host}`);
    }
    expect(x509.subjectAltName).toContain('IP Address:127.0.0.1');
    const spki = createHash('sha256')
      .update(x509.publicKey.export({ type: 'spki', format: 'der' }))
      .digest('base64');
    expect(spki).toBe(standin.tlsSpki);
  });
});
