import PDFDocument from 'pdfkit';

/**
 * Drawing helpers shared by the report PDFs. Only the 14 standard PDF fonts are used
 * (Helvetica family), so nothing is embedded and pdfkit reads just its bundled .afm metrics.
 * US Letter, because the boards' forms are.
 */
export type Doc = PDFKit.PDFDocument;

export const FONT = 'Helvetica';
export const BOLD = 'Helvetica-Bold';
export const MARGIN = 50;
export const INK = '#1f2937';
export const MUTED = '#6b7280';
export const RULE = '#9ca3af';
export const HEADER_FILL = '#e5e7eb';

export function newDocument(title: string, author: string): Doc {
  return new PDFDocument({
    size: 'LETTER',
    margin: MARGIN,
    bufferPages: true,
    info: { Title: title, Author: author, Creator: 'Hourkeep' },
  });
}

export const contentWidth = (doc: Doc) => doc.page.width - MARGIN * 2;
const bottomLimit = (doc: Doc) => doc.page.height - MARGIN;

/** Starts a new page when less than `height` points are left on this one. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottomLimit(doc)) doc.addPage();
}

/**
 * Keeps `height` points of content on one page: a new page when they do not fit here but
 * would fit on a fresh one (taller content has to break somewhere anyway).
 */
export function keepTogether(doc: Doc, height: number): void {
  if (height <= doc.page.height - 2 * MARGIN) ensureSpace(doc, height);
}

/** The height sectionHeading takes, for measuring what must stay on one page. */
export function sectionHeadingHeight(doc: Doc): number {
  doc.font(BOLD).fontSize(11.5);
  return doc.currentLineHeight(true) * 1.4 + 8;
}

export function title(doc: Doc, text: string, subtitle?: string): void {
  doc.font(BOLD).fontSize(16).fillColor(INK).text(text, MARGIN, doc.y);
  if (subtitle) doc.font(FONT).fontSize(10).fillColor(MUTED).text(subtitle);
  doc.fillColor(INK).moveDown(0.6);
}

export function sectionHeading(doc: Doc, text: string): void {
  ensureSpace(doc, 60);
  doc.moveDown(0.4).font(BOLD).fontSize(11.5).fillColor(INK).text(text, MARGIN, doc.y);
  const y = doc.y + 2;
  doc
    .moveTo(MARGIN, y)
    .lineTo(MARGIN + contentWidth(doc), y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 6;
}

/** Label–value lines in two aligned columns ("Worker:   Sam Chen"). */
export function keyValues(doc: Doc, pairs: readonly [string, string][], labelWidth = 140): void {
  const valueWidth = contentWidth(doc) - labelWidth;
  for (const [label, value] of pairs) {
    doc.font(FONT).fontSize(10);
    const height = Math.max(
      doc.heightOfString(value || '—', { width: valueWidth }),
      doc.heightOfString(label, { width: labelWidth - 8 }),
    );
    ensureSpace(doc, height + 4);
    const y = doc.y;
    doc
      .fillColor(MUTED)
      .text(label, MARGIN, y, { width: labelWidth - 8 })
      .fillColor(INK)
      .text(value || '—', MARGIN + labelWidth, y, { width: valueWidth });
    doc.y = y + height + 3;
  }
  doc.x = MARGIN;
}

export interface Column {
  header: string;
  /** Points; '*' shares what is left; 'fit' is as wide as the widest cell, so figures never wrap. */
  width: number | '*' | 'fit';
  align?: 'left' | 'right';
}

type SizedColumn = Column & { width: number | '*' };

/** Gives each 'fit' column the width of its widest cell (bold, as total rows are) plus padding. */
function sizeColumns(
  doc: Doc,
  columns: readonly Column[],
  rows: readonly string[][],
): SizedColumn[] {
  doc.font(BOLD).fontSize(9);
  return columns.map((c, j) =>
    c.width !== 'fit'
      ? { ...c, width: c.width }
      : {
          ...c,
          width: Math.ceil(
            Math.max(
              ...[c.header, ...rows.map((r) => r[j] ?? '')].map((t) => doc.widthOfString(t)),
            ) +
              CELL_PADDING_X * 2 +
              2,
          ),
        },
  );
}

const CELL_PADDING_X = 4;
const CELL_PADDING_Y = 3;

/**
 * A ruled table with a shaded header row. `bold` marks total rows; `onRow` hears each row
 * drawn (a long table's progress). Rows that do not fit go to the next page, where the header
 * is repeated.
 */
export function table(
  doc: Doc,
  allColumns: readonly Column[],
  rows: readonly string[][],
  options: { bold?: (rowIndex: number) => boolean; onRow?: () => void } = {},
): void {
  const columns = sizeColumns(doc, allColumns, rows);
  const cell = (text: string, col: Column, header: boolean, bold: boolean) => ({
    text,
    font: { src: header || bold ? BOLD : FONT, size: 9 },
    align: { x: col.align ?? 'left', y: 'top' as const },
    ...(header ? { backgroundColor: HEADER_FILL } : {}),
  });
  const header = columns.map((c) => cell(c.header, c, true, false));
  const drawHeader = () => doc.table({ ...base(), data: [header] });
  const base = () => ({
    position: { x: MARGIN, y: doc.y },
    columnStyles: columns.map((c) => ({ width: c.width })),
    defaultStyle: {
      border: 0.5,
      borderColor: RULE,
      padding: [CELL_PADDING_Y, CELL_PADDING_X] as [number, number],
    },
  });

  ensureSpace(doc, 40);
  drawHeader();
  rows.forEach((row, i) => {
    const cells = row.map((text, j) =>
      cell(text, columns[j] ?? { header: '', width: '*' }, false, options.bold?.(i) ?? false),
    );
    const height = rowHeight(doc, columns, row);
    if (doc.y + height > bottomLimit(doc)) {
      doc.addPage();
      drawHeader();
    }
    doc.table({ ...base(), data: [cells] });
    options.onRow?.();
  });
  doc.x = MARGIN;
  doc.moveDown(0.5);
}

/** The height table() draws for these rows when they start on a fresh page. */
export function tableHeight(
  doc: Doc,
  allColumns: readonly Column[],
  rows: readonly string[][],
): number {
  const columns = sizeColumns(doc, allColumns, rows);
  const header = rowHeight(
    doc,
    columns,
    columns.map((c) => c.header),
  );
  doc.font(FONT).fontSize(9);
  const after = doc.currentLineHeight(true) * 0.5;
  return header + rows.reduce((s, r) => s + rowHeight(doc, columns, r), 0) + after;
}

/** The height a row's tallest cell needs, so a row is never split across pages. */
function rowHeight(doc: Doc, columns: readonly SizedColumn[], row: readonly string[]): number {
  const fixed = columns.reduce((s, c) => s + (c.width === '*' ? 0 : c.width), 0);
  const stars = columns.filter((c) => c.width === '*').length || 1;
  const starWidth = (contentWidth(doc) - fixed) / stars;
  doc.font(FONT).fontSize(9);
  return (
    Math.max(
      ...row.map((text, j) => {
        const w = columns[j]?.width ?? '*';
        return doc.heightOfString(text || ' ', {
          width: (w === '*' ? starWidth : w) - CELL_PADDING_X * 2,
        });
      }),
    ) +
    CELL_PADDING_Y * 2 +
    2
  );
}

/** The height signatureStamp draws for these lines. */
export function stampHeight(doc: Doc, lines: readonly string[]): number {
  doc.font(FONT).fontSize(9.5);
  return doc.heightOfString(lines.join('\n'), { width: contentWidth(doc) - 24 }) + 36;
}

/** A drawn box with the electronic signature's words in it; never split across pages. */
export function signatureStamp(doc: Doc, heading: string, lines: readonly string[]): void {
  const width = contentWidth(doc);
  const body = lines.join('\n');
  const height = stampHeight(doc, lines);
  ensureSpace(doc, height + 10);
  const top = doc.y + 4;
  doc.rect(MARGIN, top, width, height).lineWidth(1.2).strokeColor('#1d4ed8').stroke();
  doc
    .font(BOLD)
    .fontSize(10.5)
    .fillColor('#1d4ed8')
    .text(heading, MARGIN + 12, top + 10, { width: width - 24 });
  doc
    .font(FONT)
    .fontSize(9.5)
    .fillColor(INK)
    .text(body, MARGIN + 12, doc.y + 3, { width: width - 24 });
  doc.x = MARGIN;
  doc.y = top + height + 10;
}

/** The height signatureLines draws for this many signers. */
export const signatureLinesHeight = (signers: number): number => signers * 48 + 8;

/** Blank lines to sign by hand: one row per signer, with signature and date. */
export function signatureLines(doc: Doc, signers: readonly string[]): void {
  const width = contentWidth(doc);
  const sigWidth = width * 0.62;
  for (const signer of signers) {
    ensureSpace(doc, 56);
    const y = doc.y + 30;
    doc.lineWidth(0.7).strokeColor(INK);
    doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + sigWidth, y)
      .stroke();
    doc
      .moveTo(MARGIN + sigWidth + 20, y)
      .lineTo(MARGIN + width, y)
      .stroke();
    doc.font(FONT).fontSize(8.5).fillColor(MUTED);
    doc.text(`${signer} — signature`, MARGIN, y + 3, { width: sigWidth });
    doc.text('Date', MARGIN + sigWidth + 20, y + 3, { width: width - sigWidth - 20 });
    doc.fillColor(INK);
    doc.x = MARGIN;
    doc.y = y + 18;
  }
}

/** "Page 1 of 2" and a line of provenance at the foot of every page. */
export function footers(doc: Doc, left: string): void {
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    // Writing inside the bottom margin must not start a new page.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 14;
    doc.font(FONT).fontSize(8).fillColor(MUTED);
    doc.text(left, MARGIN, y, { width: contentWidth(doc) * 0.75, lineBreak: false });
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN, y, {
      width: contentWidth(doc),
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

/** Ends the document and collects its bytes. */
export function finish(doc: Doc): Promise<{ buffer: Buffer; pages: number }> {
  const pages = doc.bufferedPageRange().count;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve({ buffer: Buffer.concat(chunks), pages }));
    doc.on('error', reject);
    doc.end();
  });
}
