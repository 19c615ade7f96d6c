import { useState } from 'react';
import { readFileBase64 } from './download';

/**
 * A file the person picked, read as the API takes it ({ name, base64 }) and handed to `onRead`;
 * `reading` while it is read, `failed` ("x.pdf could not be read.") when it could not be.
 */
export function useFilePick(onRead: (file: { name: string; base64: string }) => void) {
  const [reading, setReading] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const pick = async (file: File | null) => {
    if (!file) return;
    setFailed(null);
    setReading(true);
    try {
      onRead({ name: file.name, base64: await readFileBase64(file) });
    } catch {
      setFailed(`${file.name} could not be read.`);
    } finally {
      setReading(false);
    }
  };
  return { reading, failed, pick };
}
