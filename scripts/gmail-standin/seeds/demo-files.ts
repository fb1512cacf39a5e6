import type { SeedAttachment } from '../contracts';

/** A 16x12 PNG (a light cup on a tea-brown ground): small, but a real image a mail client can show. */
const PHOTO_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAABAAAAAMCAIAAADkharWAAAAHklEQVR42mPojtImCTHQV8OLGwewolENFGmgScQBAFd9HJAqXePnAAAAAElFTkSuQmCC';

/** A one-page PDF that shows `title`, with a correct cross-reference table so PDF viewers open it. */
export function minimalPdf(title: string): string {
  const safeTitle = title.replace(/[^\x20-\x7e]/g, '?').replace(/[()\\]/g, '');
  const content = `BT /F1 14 Tf 40 100 Td (${safeTitle}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 420 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, index) => {
    offsets.push(pdf.length);
    pdf += `${index + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1').toString('base64');
}

/** The attachment a scripted step names: `.png` files get the photo, `.pdf` files a one-page PDF. */
export function attachmentFor(filename: string): SeedAttachment {
  if (filename.endsWith('.png')) {
    return { filename, contentType: 'image/png', contentBase64: PHOTO_PNG_BASE64 };
  }
  if (filename.endsWith('.pdf')) {
    return {
      filename,
      contentType: 'application/pdf',
      contentBase64: minimalPdf(filename.replace(/\.pdf$/, '')),
    };
  }
  throw new Error(`The demo has no file type for attachment ${filename}`);
}
