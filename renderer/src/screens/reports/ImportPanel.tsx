import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconFileUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { api, errorMessage, type ApiResult } from '../../api/client';
import { PreviewTable } from './PreviewTable';
import { TaskProgress } from './TaskProgress';
import { useProgress } from './useProgress';
import { ErrorAlert } from '../../components/ErrorAlert';

type Preview = ApiResult<'csv.previewImport'>;
type Result = ApiResult<'csv.importHours'>;

/** Problems shown in the list; the table shows every row. */
const LISTED = 200;

/**
 * Hours from a CSV file: main checks every row first and lists each problem by line and column;
 * the import runs only when there are none, and then writes every row or nothing.
 */
export function ImportPanel() {
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const progress = useProgress(['csv-check', 'csv-import'], busy !== null);

  async function pick(picked: File | null) {
    setFile(picked);
    setPreview(null);
    setResult(null);
    setError(null);
    setText(null);
    if (!picked) return;
    setBusy('check');
    try {
      const csv = await picked.text();
      setText(csv);
      setPreview(await api.call('csv.previewImport', { csv }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  async function runImport() {
    if (!text) return;
    setBusy('import');
    setError(null);
    try {
      const done = await api.call('csv.importHours', { csv: text });
      setResult(done);
      setPreview(null);
      setFile(null);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  }

  const problems = preview?.rows.filter((r) => Object.keys(r.errors).length > 0) ?? [];

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={2} fz="lg">
          Import hours
        </Title>
        <Text size="sm" c="dimmed">
          A CSV with the columns date, worker_id (or worker_email), site, supervisor (name or
          email), category, minutes (or hours) and note — the export above has them all. Nothing is
          written until every row is valid.
        </Text>
        <FileInput
          label="CSV file"
          placeholder="Choose a .csv file"
          accept=".csv,text/csv"
          value={file}
          onChange={(f) => void pick(f)}
          leftSection={<IconFileUpload size={18} />}
          clearable
          maw={420}
          disabled={busy !== null}
        />

        {busy && (
          <TaskProgress
            label={
              busy === 'check' || progress?.task === 'csv-check' ? 'Checking rows' : 'Importing'
            }
            progress={progress}
            cancel={busy === 'check' ? 'csv-check' : 'csv-import'}
          />
        )}

        {error && <ErrorAlert title="Nothing was imported">{error}</ErrorAlert>}

        {result && (
          <Alert color="teal" variant="light" icon={<IconCheck size={18} />} title="Imported">
            {result.imported.toLocaleString()} hour entr{result.imported === 1 ? 'y' : 'ies'}{' '}
            imported: {result.workers.map((w) => `${w.name} (${w.count})`).join(', ')}.
          </Alert>
        )}

        {preview && (
          <Stack gap="sm">
            <Group gap="xs">
              <Badge color="teal" variant="light">
                {preview.validCount.toLocaleString()} valid
              </Badge>
              <Badge color={preview.errorCount ? 'red' : 'gray'} variant="light">
                {preview.errorCount.toLocaleString()} with problems
              </Badge>
            </Group>
            {problems.length > 0 && (
              <ErrorAlert title="Fix these rows in the file and choose it again">
                <List size="sm" spacing={2} aria-label="Problems by row">
                  {problems.slice(0, LISTED).flatMap((r) =>
                    Object.entries(r.errors).map(([column, why]) => (
                      <List.Item key={`${r.line}-${column}`}>
                        Line {r.line}, {column}: {why}
                      </List.Item>
                    )),
                  )}
                </List>
                {problems.length > LISTED && (
                  <Text size="sm" mt="xs">
                    …and {problems.length - LISTED} more rows with problems.
                  </Text>
                )}
              </ErrorAlert>
            )}
            <PreviewTable rows={preview.rows} />
            <Group>
              <Button
                onClick={() => void runImport()}
                disabled={preview.errorCount > 0 || busy !== null}
                loading={busy === 'import'}
              >
                Import {preview.validCount.toLocaleString()} row
                {preview.validCount === 1 ? '' : 's'}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
