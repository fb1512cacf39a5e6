/**
 * A self-signed certificate for the Google hosts Chromium is mapped to in tests, generated at start.
 * `spki` is what `--ignore-certificate-errors-spki-list` wants: base64 SHA-256 of the public key info.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { generate } from 'selfsigned';

export const CERTIFICATE_HOSTS = [
  'mail.google.com',
  'gmail.googleapis.com',
  'accounts.google.com',
  'www.googleapis.com',
  'oauth2.googleapis.com',
  'localhost',
];

export interface StandinCertificate {
  key: string;
  cert: string;
  spki: string;
}

export async function makeCertificate(): Promise<StandinCertificate> {
  const notBeforeDate = new Date(Date.now() - 86_400_000);
  const pems = await generate([{ name: 'commonName', value: 'mail.google.com' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + 365 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          ...CERTIFICATE_HOSTS.map((value) => ({ type: 2 as const, value })),
          { type: 7 as const, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  const spkiDer = createPublicKey(pems.cert).export({ type: 'spki', format: 'der' });
  return { key: pems.private, cert: pems.cert, spki: createHash('sha256').update(spkiDer).digest('base64') };
}
