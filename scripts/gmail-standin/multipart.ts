/**
 * multipart/* framing for the batch endpoint and multipart uploads, split with mailsplit (embedded
 * messages kept whole, so an uploaded message/rfc822 part stays byte for byte as sent).
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type MimeNode, Splitter, type SplitterChunk } from '@zone-eu/mailsplit';
import { headerFromLine, type MessageHeader } from './mime';

export interface MultipartPart {
  headers: MessageHeader[];
  body: Buffer;
}

export async function splitMultipart(contentType: string, body: Buffer): Promise<MultipartPart[]> {
  const splitter = new Splitter({ ignoreEmbedded: true });
  const nodes: MimeNode[] = [];
  const bodies = new Map<MimeNode, Buffer[]>();
  splitter.on('data', (chunk: SplitterChunk) => {
    if (chunk.type === 'node') {
      nodes.push(chunk);
      bodies.set(chunk, []);
    } else if (chunk.type === 'body') {
      bodies.get(chunk.node)?.push(chunk.value);
    }
  });
  const head = Buffer.from(`Content-Type: ${contentType}\r\n\r\n`);
  await pipeline(Readable.from([head, body]), splitter);
  const root = nodes[0];
  return nodes
    .filter((node) => node.parentNode === root)
    .map((node) => ({
      headers: node.headers ? node.headers.getList().map((h) => headerFromLine(h.line)) : [],
      body: Buffer.concat(bodies.get(node) ?? []),
    }));
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  return /boundary="?([^";]+)"?/i.exec(contentType ?? '')?.[1];
}
