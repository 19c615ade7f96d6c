/**
 * Hands a file main produced (a PDF, a CSV, a CE certificate) to the user as a download.
 * Main returns the bytes through the typed API and records the export in the audit trail; the
 * browser's (and Electron's) own download flow then asks where to save it.
 */
export interface FilePayload {
  fileName: string;
  mimeType: string;
  /** The file's bytes, base64-encoded (the API carries JSON only). */
  base64: string;
}

export function downloadFile({ fileName, mimeType, base64 }: FilePayload): void {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled; the download keeps its own reference.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Reads a file the user picked (CSV to import, a certificate) as base64 or text. */
export async function readFileBase64(file: File): Promise<string> {
  const buf = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < buf.length; i += 0x8000) {
    binary += String.fromCharCode(...buf.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
