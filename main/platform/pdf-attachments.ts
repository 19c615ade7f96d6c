import { inflateSync } from 'node:zlib';

/**
 * Reads the files embedded in a PDF (the /EmbeddedFile streams), without a PDF library: the
 * objects are scanned in file order (so a PDF whose cross-reference table is stale, or that was
 * updated incrementally, still reads; a later definition of an object replaces an earlier one),
 * each stream's dictionary is parsed far enough to find its type, length and filter, and
 * FlateDecode is inflated with node:zlib. Streams are never inside object streams, so every
 * embedded file's dictionary is in plain text.
 */
export interface PdfAttachment {
  /** The name its file specification gives it, when one does. */
  name: string | null;
  data: Buffer;
}

interface PdfObject {
  num: number;
  dict: string;
  stream: Buffer | null;
}

const isSpace = (c: number) =>
  c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;

/** Index just past the value starting at `i` when it is a dictionary; -1 when it is not. */
function endOfDict(text: string, i: number): number {
  if (!text.startsWith('<<', i)) return -1;
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '(') {
      // A literal string: balanced parentheses, backslash escapes.
      let nest = 0;
      for (; i < text.length; i++) {
        const d = text[i];
        if (d === '\\') i++;
        else if (d === '(') nest++;
        else if (d === ')' && --nest === 0) break;
      }
      i++;
    } else if (text.startsWith('<<', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else if (c === '<') {
      const close = text.indexOf('>', i);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === '%') {
      const eol = text.slice(i).search(/[\r\n]/);
      i = eol < 0 ? text.length : i + eol;
    } else i++;
  }
  return -1;
}

function scanObjects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const objects = new Map<number, PdfObject>();
  const header = /(\d+)\s+(\d+)\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = header.exec(text))) {
    const num = Number(m[1]);
    let i = m.index + m[0].length;
    while (i < text.length && isSpace(text.charCodeAt(i))) i++;
    const end = endOfDict(text, i);
    if (end < 0) {
      // Not a dictionary (a number, an array…): keep its text up to endobj for /Length lookups.
      const stop = text.indexOf('endobj', i);
      if (stop >= 0) objects.set(num, { num, dict: text.slice(i, stop).trim(), stream: null });
      continue;
    }
    const dict = text.slice(i, end);
    let j = end;
    while (j < text.length && isSpace(text.charCodeAt(j))) j++;
    if (!text.startsWith('stream', j)) {
      objects.set(num, { num, dict, stream: null });
      header.lastIndex = end;
      continue;
    }
    let start = j + 'stream'.length;
    if (text[start] === '\r') start++;
    if (text[start] === '\n') start++;
    const stop = text.indexOf('endstream', start);
    if (stop < 0) break;
    objects.set(num, { num, dict, stream: pdf.subarray(start, stop) });
    header.lastIndex = stop + 'endstream'.length;
  }
  return objects;
}

/** The stream's bytes: /Length when it is right, else up to `endstream` less its end of line. */
function streamData(obj: PdfObject, objects: Map<number, PdfObject>): Buffer {
  const raw = obj.stream ?? Buffer.alloc(0);
  const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(obj.dict);
  const indirect = /\/Length\s+(\d+)\s+\d+\s+R/.exec(obj.dict);
  const length = direct
    ? Number(direct[1])
    : indirect
      ? Number(objects.get(Number(indirect[1]))?.dict.match(/^\d+$/)?.[0] ?? NaN)
      : NaN;
  if (Number.isInteger(length) && length <= raw.length) {
    const rest = raw.subarray(length).toString('latin1');
    if (/^\s*$/.test(rest)) return raw.subarray(0, length);
  }
  let end = raw.length;
  if (raw[end - 1] === 0x0a) end--;
  if (raw[end - 1] === 0x0d) end--;
  return raw.subarray(0, end);
}

function decode(obj: PdfObject, data: Buffer): Buffer {
  const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(obj.dict)?.[1] ?? '';
  const filters = filter.match(/\/\w+/g) ?? [];
  let out = data;
  for (const f of filters) {
    if (f === '/FlateDecode') out = inflateSync(out);
    else
      throw new Error(
        `an attachment is encoded with ${f.slice(1)}, which this reader does not decode`,
      );
  }
  return out;
}

/** A literal PDF string's text (escapes undone); hex strings as UTF-16BE or Latin-1. */
function pdfString(s: string): string {
  if (s.startsWith('<')) {
    const bytes = Buffer.from(s.slice(1, -1).replace(/\s+/g, ''), 'hex');
    if (bytes[0] === 0xfe && bytes[1] === 0xff)
      return bytes.subarray(2).swap16().toString('utf16le');
    return bytes.toString('latin1');
  }
  return s
    .slice(1, -1)
    .replace(/\\([nrtbf()\\]|[0-7]{1,3})/g, (_, e: string) =>
      /^[0-7]/.test(e)
        ? String.fromCharCode(parseInt(e, 8))
        : (({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[e] ?? e),
    );
}

/** Every embedded file of the PDF, in object order. Throws on an encrypted PDF. */
export function pdfAttachments(pdf: Buffer): PdfAttachment[] {
  const text = pdf.toString('latin1');
  if (/\/Encrypt\s+\d+\s+\d+\s+R/.test(text))
    throw new Error('the PDF is encrypted, so its attachments cannot be read');
  const objects = scanObjects(pdf);
  const names = new Map<number, string>();
  for (const o of objects.values()) {
    if (!/\/Type\s*\/Filespec\b/.test(o.dict)) continue;
    const ref = /\/EF\s*<<[^>]*?\/(?:UF|F)\s+(\d+)\s+\d+\s+R/.exec(o.dict);
    const name =
      /\/UF\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(o.dict) ??
      /\/F\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(o.dict);
    if (ref && name?.[1]) names.set(Number(ref[1]), pdfString(name[1]));
  }
  const out: PdfAttachment[] = [];
  for (const o of [...objects.values()].sort((a, b) => a.num - b.num)) {
    if (o.stream === null || !/\/Type\s*\/EmbeddedFile\b/.test(o.dict)) continue;
    out.push({ name: names.get(o.num) ?? null, data: decode(o, streamData(o, objects)) });
  }
  return out;
}
