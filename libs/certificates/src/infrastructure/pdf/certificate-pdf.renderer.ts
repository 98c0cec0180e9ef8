import PDFDocument from 'pdfkit';
import * as QRCode from 'qrcode';
import { CERTIFICATE_STATEMENT, CERTIFICATE_TITLE, HS_CODE_MEANINGS, participantName } from '@kp/domain';

/** What a printed certificate shows: the number, every Annex I field, the signature reference and the QR. */
export interface CertificatePdfContent {
  certificateNumber: string;
  exportingParticipant: string;
  importingParticipant: string;
  exporter: { name: string; address: string };
  importer: { name: string; address: string };
  origin: { countries: string[]; zones?: string[] };
  hsCode: string;
  carats: number;
  valueUsd: number;
  parcels: number;
  issuedAt: Date;
  expiresAt: Date;
  signature: { kid: string; alg: string };
  /** The compact JWS over the number and every Annex I field: what the QR code carries. */
  qr: string;
  nationalFields?: Record<string, unknown> | null;
  replaces?: string | null;
}

const A4 = { width: 595.28, height: 841.89 };
const FRAME = 22;
const MARGIN = 48;
const CONTENT_WIDTH = A4.width - 2 * MARGIN;
const QR_SIZE = 176;
const QR_TOP = A4.height - FRAME - 34 - QR_SIZE;
const STATEMENT_HEIGHT = 50;
const STATEMENT_TOP = QR_TOP - 18 - STATEMENT_HEIGHT;
const CONTINUED_TOP = 96;

const NAVY = '#14325c';
const INK = '#1a1a1a';
const MUTED = '#5b6573';
const RULE = '#c5ccd6';
const TINT = '#f2f5f9';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** One boxed field of the form: a numbered label above its value. */
interface Cell {
  label: string;
  /** Lines of the value; with `strong`, the first is set in bold. */
  lines: string[];
  strong?: boolean;
  mono?: boolean;
}

/** A row of the form: one to three cells sharing the width, or one cell across it. */
type Row = Cell[];

/**
 * Renders a certificate as an A4 PDF: the KP title and statement, every Annex I field,
 * the signature reference and the QR code carrying the signed certificate (the compact
 * JWS). Pure: the same certificate gives the same bytes (the document's dates and file
 * id come from the certificate, never from the clock).
 */
export async function renderCertificatePdf(c: CertificatePdfContent): Promise<Buffer> {
  const exporting = nameOf(c.exportingParticipant);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: true,
    bufferPages: true,
    lang: 'en',
    info: {
      Title: `${CERTIFICATE_TITLE} ${c.certificateNumber}`,
      Author: `Kimberley Process authority of ${exporting}`,
      Subject: `Rough diamonds exported from ${exporting} to ${nameOf(c.importingParticipant)}`,
      Keywords: `Kimberley Process, KPCS, ${c.certificateNumber}`,
      Creator: 'KP Platform',
      Producer: 'KP Platform',
      CreationDate: c.issuedAt,
      ModDate: c.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  frame(doc);
  header(doc, c, exporting);
  bottom(doc, c, exporting);
  let y = 174;
  let limit = STATEMENT_TOP - 12;
  for (const row of rowsOf(c, exporting)) {
    const height = rowHeight(doc, row);
    if (y + height > limit) {
      doc.addPage({ size: 'A4', margin: 0 });
      frame(doc);
      continued(doc, c);
      y = CONTINUED_TOP;
      limit = A4.height - FRAME - 40;
    }
    drawRow(doc, row, y, height);
    y += height;
  }
  const pages = doc.bufferedPageRange();
  for (let i = pages.start; i < pages.start + pages.count; i++) {
    doc.switchToPage(i);
    footer(doc, c, i - pages.start + 1, pages.count);
  }
  doc.end();
  return done;
}

function rowsOf(c: CertificatePdfContent, exporting: string): Row[] {
  const countries = c.origin.countries.map((code) => `${nameOf(code)} (${code})`);
  const origin: Cell =
    c.origin.countries.length > 1
      ? { label: 'Countries of origin (mixed origin)', lines: [countries.join(', ')] }
      : { label: 'Country of origin', lines: countries };
  if (c.origin.zones?.length) origin.lines.push(`Zones: ${c.origin.zones.join(', ')}`);
  const meaning = (HS_CODE_MEANINGS as Record<string, string>)[c.hsCode];
  const rows: Row[] = [
    [
      { label: 'Exporting participant', lines: [`${exporting} (${c.exportingParticipant})`] },
      { label: 'Issuing authority', lines: [`Kimberley Process authority of ${exporting}`] },
    ],
    [{ label: 'Importing participant', lines: [`${nameOf(c.importingParticipant)} (${c.importingParticipant})`] }, origin],
    [
      { label: 'Exporter', lines: [c.exporter.name, c.exporter.address], strong: true },
      { label: 'Importer', lines: [c.importer.name, c.importer.address], strong: true },
    ],
    [{ label: 'HS code and description', lines: [meaning ? `${c.hsCode}    ${meaning}` : c.hsCode] }],
    [
      { label: 'Carat weight', lines: [`${amount(c.carats)} ct`], strong: true },
      { label: 'Value', lines: [`USD ${amount(c.valueUsd)}`], strong: true },
      { label: 'Number of parcels', lines: [String(c.parcels)], strong: true },
    ],
    [
      { label: 'Date of issue', lines: [longDate(c.issuedAt)] },
      { label: 'Date of expiry', lines: [longDate(c.expiresAt)] },
    ],
  ];
  if (c.replaces) rows.push([{ label: 'Replaces certificate', lines: [`${c.replaces} (voided on the issue of this certificate)`] }]);
  const national = Object.entries(c.nationalFields ?? {}).map(([key, value]) => `${key}: ${printable(value)}`);
  for (let i = 0; i < national.length; i += NATIONAL_FIELDS_PER_ROW) {
    const label = i === 0 ? 'National fields' : 'National fields (continued)';
    rows.push([{ label, lines: national.slice(i, i + NATIONAL_FIELDS_PER_ROW) }]);
  }
  rows.push([{ label: 'Signature', lines: [`${c.signature.alg}, key ID ${c.signature.kid}`], mono: true }]);
  let n = 0;
  return rows.map((row) => row.map((cell) => ({ ...cell, label: `${cell.label.endsWith('(continued)') ? n : ++n}. ${cell.label}` })));
}

function frame(doc: PDFKit.PDFDocument): void {
  doc.save();
  doc.lineWidth(2.2).strokeColor(NAVY).rect(FRAME, FRAME, A4.width - 2 * FRAME, A4.height - 2 * FRAME).stroke();
  doc.lineWidth(0.6).rect(FRAME + 5, FRAME + 5, A4.width - 2 * FRAME - 10, A4.height - 2 * FRAME - 10).stroke();
  doc.restore();
}

function header(doc: PDFKit.PDFDocument, c: CertificatePdfContent, exporting: string): void {
  doc.fillColor(NAVY).font('Helvetica-Bold').fontSize(8.5);
  doc.text('KIMBERLEY PROCESS CERTIFICATION SCHEME', MARGIN, 46, { width: CONTENT_WIDTH, align: 'center' });
  doc.font('Times-Bold').fontSize(25).text(CERTIFICATE_TITLE, MARGIN, 62, { width: CONTENT_WIDTH, align: 'center' });
  doc.fillColor(INK).font('Helvetica').fontSize(10.5);
  doc.text(`Issued by the exporting participant ${exporting} for a shipment of rough diamonds`, MARGIN, 94, { width: CONTENT_WIDTH, align: 'center' });
  doc.save().lineWidth(1).strokeColor(NAVY).moveTo(MARGIN, 116).lineTo(A4.width - MARGIN, 116).stroke().restore();
  doc.save().rect(MARGIN, 126, CONTENT_WIDTH, 36).fill(TINT).restore();
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text('CERTIFICATE No.', MARGIN + 12, 132);
  doc.fillColor(NAVY).font('Courier-Bold').fontSize(17).text(c.certificateNumber, MARGIN + 12, 142);
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5);
  doc.text(`Valid until ${shortDate(c.expiresAt)}`, MARGIN, 132, { width: CONTENT_WIDTH - 12, align: 'right' });
  doc.text(`HS ${c.hsCode}   ${amount(c.carats)} ct   ${c.parcels} parcel${c.parcels === 1 ? '' : 's'}`, MARGIN, 145, {
    width: CONTENT_WIDTH - 12,
    align: 'right',
  });
}

function continued(doc: PDFKit.PDFDocument, c: CertificatePdfContent): void {
  doc.fillColor(NAVY).font('Times-Bold').fontSize(16).text(CERTIFICATE_TITLE, MARGIN, 46, { width: CONTENT_WIDTH, align: 'center' });
  doc.fillColor(MUTED).font('Helvetica').fontSize(9.5);
  doc.text(`Certificate No. ${c.certificateNumber} (continued)`, MARGIN, 68, { width: CONTENT_WIDTH, align: 'center' });
  doc.save().lineWidth(1).strokeColor(NAVY).moveTo(MARGIN, 86).lineTo(A4.width - MARGIN, 86).stroke().restore();
}

const CELL_PAD = 7;
const LABEL_HEIGHT = 12;

function cellWidths(row: Row): number {
  return CONTENT_WIDTH / row.length;
}

function rowHeight(doc: PDFKit.PDFDocument, row: Row): number {
  const width = cellWidths(row) - 2 * CELL_PAD;
  return Math.max(
    ...row.map((cell) => {
      let height = 0;
      cell.lines.forEach((line, i) => {
        setValueFont(doc, cell, i);
        height += doc.heightOfString(line, { width });
      });
      return CELL_PAD + LABEL_HEIGHT + height + CELL_PAD;
    }),
  );
}

function drawRow(doc: PDFKit.PDFDocument, row: Row, y: number, height: number): void {
  const cellWidth = cellWidths(row);
  row.forEach((cell, i) => {
    const x = MARGIN + i * cellWidth;
    doc.save().lineWidth(0.6).strokeColor(RULE).rect(x, y, cellWidth, height).stroke().restore();
    doc.fillColor(MUTED).font('Helvetica').fontSize(7.5).text(cell.label.toUpperCase(), x + CELL_PAD, y + CELL_PAD, { width: cellWidth - 2 * CELL_PAD });
    let lineY = y + CELL_PAD + LABEL_HEIGHT;
    cell.lines.forEach((line, j) => {
      setValueFont(doc, cell, j);
      doc.fillColor(INK).text(line, x + CELL_PAD, lineY, { width: cellWidth - 2 * CELL_PAD });
      lineY = doc.y;
    });
  });
}

function setValueFont(doc: PDFKit.PDFDocument, cell: Cell, line: number): void {
  if (cell.mono) doc.font('Courier').fontSize(9.5);
  else doc.font(cell.strong && line === 0 ? 'Helvetica-Bold' : 'Helvetica').fontSize(10.5);
}

function bottom(doc: PDFKit.PDFDocument, c: CertificatePdfContent, exporting: string): void {
  doc.save().lineWidth(0.8).strokeColor(NAVY).rect(MARGIN, STATEMENT_TOP, CONTENT_WIDTH, STATEMENT_HEIGHT).stroke().restore();
  doc.fillColor(INK).font('Times-Italic').fontSize(11);
  const statementHeight = doc.heightOfString(CERTIFICATE_STATEMENT, { width: CONTENT_WIDTH - 28, align: 'center' });
  doc.text(CERTIFICATE_STATEMENT, MARGIN + 14, STATEMENT_TOP + (STATEMENT_HEIGHT - statementHeight) / 2, {
    width: CONTENT_WIDTH - 28,
    align: 'center',
  });

  if (!drawQr(doc, c.qr, MARGIN, QR_TOP, QR_SIZE)) {
    doc.save().lineWidth(0.8).strokeColor(RULE).rect(MARGIN, QR_TOP, QR_SIZE, QR_SIZE).stroke().restore();
    doc.fillColor(MUTED).font('Helvetica').fontSize(9);
    doc.text('This signed certificate is too long for a QR code: verify it online.', MARGIN + 14, QR_TOP + QR_SIZE / 2 - 16, {
      width: QR_SIZE - 28,
      align: 'center',
    });
  }
  const x = MARGIN + QR_SIZE + 22;
  const width = A4.width - MARGIN - x;
  doc.fillColor(NAVY).font('Helvetica-Bold').fontSize(10).text('AUTHENTICATION', x, QR_TOP + 4, { width });
  doc.fillColor(INK).font('Helvetica').fontSize(9.5).moveDown(0.4);
  doc.text(`Signed electronically by the Kimberley Process authority of ${exporting}.`, { width });
  doc.moveDown(0.5);
  doc.text(
    'The QR code holds this certificate signed as a compact JWS: scan it to read the certificate, and check the ' +
      `signature against the public keys ${exporting} publishes (JWKS), or ask the platform at the border.`,
    { width },
  );
  doc.moveDown(0.6);
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text('SIGNATURE ALGORITHM', { width });
  doc.fillColor(INK).font('Courier').fontSize(9.5).text(c.signature.alg, { width });
  doc.moveDown(0.3);
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text('KEY ID', { width });
  doc.fillColor(INK).font('Courier').fontSize(9.5).text(c.signature.kid, { width });
  doc.moveDown(0.3);
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text('VERIFY', { width });
  doc.fillColor(INK).font('Courier').fontSize(9.5).text(`GET /api/v1/verify/${c.certificateNumber}`, { width });
}

/**
 * The QR as vector modules (one rectangle per run of dark modules), sharp at any print
 * resolution. Error correction M (15 %) while the code stays small enough to scan from
 * paper, else L; false when the text does not fit in a QR code at all.
 */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): boolean {
  const qr = qrCode(text);
  if (!qr) return false;
  const count = qr.modules.size;
  const quiet = 4;
  const unit = size / (count + 2 * quiet);
  doc.save();
  doc.rect(x, y, size, size).fill('#ffffff');
  for (let row = 0; row < count; row++) {
    let col = 0;
    while (col < count) {
      if (!qr.modules.get(row, col)) {
        col++;
        continue;
      }
      const start = col;
      while (col < count && qr.modules.get(row, col)) col++;
      doc.rect(x + (quiet + start) * unit, y + (quiet + row) * unit, (col - start) * unit, unit);
    }
  }
  doc.fill('#000000');
  doc.restore();
  return true;
}

/** Versions above this (137 modules a side) get error correction L, so each module stays large enough. */
const MAX_VERSION_AT_M = 30;

function qrCode(text: string): QRCode.QRCode | null {
  try {
    const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
    if (qr.version <= MAX_VERSION_AT_M) return qr;
  } catch {
    /* too long for M: try L */
  }
  try {
    return QRCode.create(text, { errorCorrectionLevel: 'L' });
  } catch {
    return null;
  }
}

function footer(doc: PDFKit.PDFDocument, c: CertificatePdfContent, page: number, pages: number): void {
  const y = A4.height - FRAME - 22;
  doc.fillColor(MUTED).font('Helvetica').fontSize(7.5);
  doc.text(
    `Issued under Section II and Annex I of the Kimberley Process Certification Scheme.   ${c.certificateNumber}   Page ${page} of ${pages}`,
    MARGIN,
    y,
    { width: CONTENT_WIDTH, align: 'center', lineBreak: false },
  );
}

/** National fields are printed a few to a box, so a long list flows onto the next page box by box. */
const NATIONAL_FIELDS_PER_ROW = 8;

function printable(value: unknown): string {
  if (value === null || value === undefined) return '-';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A participant's or country's name; the code itself when it has none. */
function nameOf(code: string): string {
  try {
    return participantName(code);
  } catch {
    return code;
  }
}

/** 1250.5 → "1,250.50", without depending on the runtime's locale data. */
function amount(value: number): string {
  const [whole, cents] = value.toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

function longDate(d: Date): string {
  const time = `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time} UTC`;
}

function shortDate(d: Date): string {
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()].slice(0, 3)} ${d.getUTCFullYear()}`;
}
