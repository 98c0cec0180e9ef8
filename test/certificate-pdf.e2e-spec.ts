import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { PNG } from 'pngjs';
import { Queues } from '@kp/kernel';
import { CertificateDocumentsHandler } from '../libs/certificates/src/application/certificate-documents.handler';
import { Api, issueBody, sql, startStandalone, StandalonePlatform } from './support/harness';

/** poppler-utils (Debian) gives pdftoppm and pdftotext: the page as pixels, the text as a reader sees it. */
function poppler(tool: 'pdftoppm' | 'pdftotext', args: string[]): Buffer {
  try {
    return execFileSync(tool, args, { maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is missing: install Debian's poppler-utils (apt-get install -y poppler-utils) to run this suite`);
    }
    throw error;
  }
}

function withPdf<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'kp-pdf-'));
  try {
    const file = join(dir, 'certificate.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const textOf = (pdf: Buffer) => withPdf(pdf, (file) => poppler('pdftotext', ['-layout', file, '-']).toString('utf8'));

/** Renders page 1 at 150 dpi and decodes the QR code on it. */
function qrOf(pdf: Buffer): string | null {
  return withPdf(pdf, (file, dir) => {
    poppler('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    const png = PNG.sync.read(readFileSync(join(dir, 'page.png')));
    const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.length), png.width, png.height, { inversionAttempts: 'dontInvert' });
    return code?.data ?? null;
  });
}

/** The PDF's bytes as they are (the harness's Api reads bodies as text). */
async function getPdf(platform: StandalonePlatform, number: string, token?: string) {
  const { port } = platform.app.getHttpServer().address() as { port: number };
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/certificates/${number}/pdf`, { headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe('printable certificate: GET /api/v1/certificates/{number}/pdf', () => {
  let platform: StandalonePlatform;
  let api: Api;
  let issuer: string;
  let certificate: { certificateNumber: string; qr: string };

  beforeAll(async () => {
    platform = await startStandalone();
    api = platform.api;
    issuer = await api.login('bw.issuer');
    const issued = await api.post(
      '/api/v1/certificates',
      issueBody({
        origin: { countries: ['BW', 'NA'], zones: ['Orapa'] },
        nationalFields: { exportLicence: 'BW-EL-2026-0117' },
      }),
      issuer,
    );
    expect(issued.status).toBe(201);
    certificate = issued.body;
  });

  afterAll(() => platform?.close());

  const renders = async (number: string) =>
    (await sql<{ render_count: number }>(platform.databaseUrl, `SELECT render_count FROM certificates.certificate_document WHERE certificate_number = $1`, [number]))[0]
      ?.render_count;

  let first: Buffer;

  it('renders a PDF with the number, every Annex I field, and a QR code that decodes to the signed certificate', async () => {
    expect(await renders(certificate.certificateNumber)).toBeUndefined();
    const response = await getPdf(platform, certificate.certificateNumber, issuer);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toBe(`inline; filename="${certificate.certificateNumber}.pdf"`);
    expect(response.body.subarray(0, 4).toString('latin1')).toBe('%PDF');
    first = response.body;

    const text = textOf(response.body);
    for (const expected of [
      'Kimberley Process Certificate',
      certificate.certificateNumber,
      'handled in accordance with the provisions of the',
      'Botswana (BW)',
      'United Arab Emirates (AE)',
      'Okavango Diamond Company',
      'Plot 63, Gaborone, Botswana',
      'Dubai Rough Trading DMCC',
      'Almas Tower, Dubai',
      'MIXED ORIGIN',
      'Namibia (NA)',
      'Zones: Orapa',
      '7102.31',
      'Non-industrial diamonds',
      '1,250.50 ct',
      'USD 187,500.00',
      'NUMBER OF PARCELS',
      'DATE OF ISSUE',
      'DATE OF EXPIRY',
      'exportLicence: BW-EL-2026-0117',
      'Ed25519',
    ]) {
      expect(text).toContain(expected);
    }
    expect(qrOf(response.body)).toBe(certificate.qr);
    expect(await renders(certificate.certificateNumber)).toBe(1);
  });

  it('serves the kept PDF the second time, without rendering again', async () => {
    const again = await getPdf(platform, certificate.certificateNumber, issuer);
    expect(again.status).toBe(200);
    expect(again.body.equals(first)).toBe(true);
    expect(await renders(certificate.certificateNumber)).toBe(1);
  });

  it('renders once however many ask at the same time', async () => {
    const issued = await api.post('/api/v1/certificates', issueBody(), issuer);
    const number = issued.body.certificateNumber as string;
    const responses = await Promise.all([1, 2, 3, 4].map(() => getPdf(platform, number, issuer)));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(responses.every((r) => r.body.equals(responses[0].body))).toBe(true);
    expect(await renders(number)).toBe(1);
  });

  it('answers 503 with problem details when the render does not finish in time, and renders when asked again', async () => {
    const number = (await api.post('/api/v1/certificates', issueBody(), issuer)).body.certificateNumber as string;
    const queue = platform.app.get<Queue>(getQueueToken(Queues.certificatePdf), { strict: false });
    const documents = platform.app.get(CertificateDocumentsHandler, { strict: false });
    await queue.pause();
    documents.waitMs = 500;
    try {
      const late = await getPdf(platform, number, issuer);
      expect(late.status).toBe(503);
      expect(late.headers.get('content-type')).toContain('application/problem+json');
      expect(JSON.parse(late.body.toString('utf8'))).toMatchObject({ status: 503, title: 'Unavailable' });
    } finally {
      documents.waitMs = 15_000;
      await queue.resume();
    }
    const response = await getPdf(platform, number, issuer);
    expect(response.status).toBe(200);
    expect(await renders(number)).toBe(1);
  });

  it('is for the importing participant and the secretariat too, and for no one else', async () => {
    const number = certificate.certificateNumber;
    const importer = await getPdf(platform, number, await api.login('ae.customs'));
    expect(importer.status).toBe(200);
    expect(importer.body.equals(first)).toBe(true);
    expect((await getPdf(platform, number, await api.login('secretariat'))).status).toBe(200);

    const stranger = await getPdf(platform, number, await api.login('in.issuer'));
    expect(stranger.status).toBe(403);
    expect(JSON.parse(stranger.body.toString('utf8'))).toMatchObject({ status: 403, code: 'NOT_YOUR_CERTIFICATE' });
    expect(stranger.headers.get('content-type')).toContain('application/problem+json');

    expect((await getPdf(platform, number)).status).toBe(401);
    const unknown = await getPdf(platform, 'BW-2026-999999', issuer);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body.toString('utf8'))).toMatchObject({ status: 404, code: 'CERTIFICATE_NOT_FOUND' });
    expect(await renders(number)).toBe(1);
  });
});
