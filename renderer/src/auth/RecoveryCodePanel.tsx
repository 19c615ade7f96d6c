import { Button, Group, Paper, Text } from '@mantine/core';
import { IconCheck, IconCopy, IconDownload, IconPrinter } from '@tabler/icons-react';
import { useState } from 'react';
import { createPortal } from 'react-dom';
import { formatDateLong, todayIso } from '../lib/dates';
import { downloadFile } from '../lib/download';

/**
 * Copies text to the clipboard. The async clipboard API needs a permission Electron's handler
 * refuses (main/electron/security.ts), so a selected, off-screen text area and the copy command
 * stand in for it there.
 */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.left = '-9999px';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  }
}

const sheetText = (code: string, practiceName: string) =>
  [
    'Hourkeep recovery code',
    '',
    `Practice: ${practiceName || '—'}`,
    `Made: ${formatDateLong(todayIso())}`,
    '',
    code,
    '',
    "This code opens the practice's backups on a new computer and opens Hourkeep when the",
    "computer's keychain is unavailable. Keep it somewhere safe, away from the computer.",
    '',
  ].join('\r\n');

/**
 * A recovery code shown once (set-up, a change of keys): the code, and ways to keep it —
 * copy, save as a text file, print.
 */
export function RecoveryCodePanel(props: { code: string | null; practiceName: string }) {
  const [copied, setCopied] = useState(false);
  const { code, practiceName } = props;
  return (
    <>
      <Paper className="recovery-box" radius="md" p="lg" bg="gray.0" withBorder>
        <Text className="recovery-code" data-testid="recovery-code">
          {code ?? '…'}
        </Text>
      </Paper>
      <Group gap="xs">
        <Button
          variant="default"
          leftSection={copied ? <IconCheck size={17} /> : <IconCopy size={17} />}
          disabled={!code}
          onClick={() => {
            if (!code) return;
            void copyText(code).then((ok) => setCopied(ok));
          }}
        >
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button
          variant="default"
          leftSection={<IconDownload size={17} />}
          disabled={!code}
          onClick={() =>
            code &&
            downloadFile({
              fileName: 'hourkeep-recovery-code.txt',
              mimeType: 'text/plain',
              base64: btoa(sheetText(code, practiceName)),
            })
          }
        >
          Save to a file
        </Button>
        <Button
          variant="default"
          leftSection={<IconPrinter size={17} />}
          onClick={() => window.print()}
          disabled={!code}
        >
          Print
        </Button>
      </Group>
      {code &&
        createPortal(
          <div className="print-sheet">
            <h1>Hourkeep recovery code</h1>
            <p>
              <b>Practice:</b> {practiceName.trim() || '—'}
              <br />
              <b>Printed:</b> {formatDateLong(todayIso())}
            </p>
            <div className="recovery-code">{code}</div>
            <p>
              This code opens the practice&apos;s backups on a new computer and opens Hourkeep when
              the computer&apos;s keychain is unavailable. Keep this sheet somewhere safe, away from
              the computer.
            </p>
          </div>,
          document.body,
        )}
    </>
  );
}
