import { Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notify } from '../../lib/notify';
import { IconFileSpreadsheet, IconFileTypePdf } from '@tabler/icons-react';
import { useState } from 'react';
import { categoriesLabel } from '../../../../shared/domain/privacy/disclosures';
import { api, errorMessage } from '../../api/client';
import { useApiQuery } from '../../api/queries';
import { documentLabel, formatMoment } from '../../components/DisclosuresTable';
import { QueryState } from '../../components/QueryState';
import { SimpleTable } from '../../components/SimpleTable';
import { downloadFile } from '../../lib/download';

/** The owner's yearly report: every disclosure made in a calendar year, on screen and as files. */
export function YearlyDisclosures() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [busy, setBusy] = useState<'csv' | 'pdf' | null>(null);
  const query = useApiQuery('privacy.disclosures.yearly', { year });
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));

  async function download(format: 'csv' | 'pdf') {
    setBusy(format);
    try {
      const report = await api.call('privacy.disclosures.yearly', { year, format });
      if (report.file) downloadFile(report.file);
    } catch (err) {
      notify({
        color: 'red',
        title: 'Could not make the report',
        message: errorMessage(err),
      });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="md">
        <Group justify="space-between" align="flex-end">
          <div>
            <Title order={2} fz="lg">
              Disclosures report
            </Title>
            <Text size="sm" c="dimmed">
              Every file of people's data made in a year: to whom, why, what and by whom.
            </Text>
          </div>
          <Group align="flex-end">
            <Select
              label="Year"
              data={years}
              value={String(year)}
              onChange={(v) => v && setYear(Number(v))}
              allowDeselect={false}
              w={110}
            />
            <Button
              variant="light"
              leftSection={<IconFileSpreadsheet size={18} />}
              loading={busy === 'csv'}
              disabled={busy !== null}
              onClick={() => void download('csv')}
            >
              Download CSV
            </Button>
            <Button
              variant="light"
              leftSection={<IconFileTypePdf size={18} />}
              loading={busy === 'pdf'}
              disabled={busy !== null}
              onClick={() => void download('pdf')}
            >
              Download PDF
            </Button>
          </Group>
        </Group>
        <QueryState query={query}>
          {(report) => (
            <SimpleTable
              label={`Disclosures in ${report.year}`}
              rows={report.rows}
              rowKey={(d) => d.id}
              empty={`No disclosures were made in ${report.year}.`}
              columns={[
                { header: 'When', cell: (d) => formatMoment(d.madeAt), width: 140 },
                {
                  header: 'Person',
                  cell: (d) => (
                    <>
                      {d.personName ?? 'Deleted person'}{' '}
                      <Badge size="xs" variant="light" color="gray">
                        {d.personType}
                      </Badge>
                    </>
                  ),
                },
                { header: 'Recipient', cell: (d) => d.recipient },
                { header: 'Purpose', cell: (d) => d.purpose },
                {
                  header: 'What',
                  cell: (d) => (
                    <>
                      {documentLabel(d.document)} ({d.format.toUpperCase()})
                      <Text size="xs" c="dimmed">
                        {categoriesLabel(d.categories)}
                      </Text>
                    </>
                  ),
                },
                { header: 'By', cell: (d) => d.madeBy },
              ]}
            />
          )}
        </QueryState>
      </Stack>
    </Paper>
  );
}
