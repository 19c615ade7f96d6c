import { Accordion, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { CONSENT_PURPOSES } from '../../../../shared/domain/privacy/people';
import type { PersonRecord } from '../../../../shared/domain/privacy/person-record';
import { useApiQuery } from '../../api/queries';
import { DisclosuresTable, formatMoment } from '../../components/DisclosuresTable';
import { QueryState } from '../../components/QueryState';
import { SimpleTable } from '../../components/SimpleTable';
import { formatDate, formatWeekRange } from '../../lib/dates';
import { actionLabel, ENTITY_LABELS } from '../audit/auditLabels';
import {
  CATEGORY_LABELS,
  CE_CATEGORY_LABELS,
  formatMinutes,
  type CeCategory,
  type HourCategory,
} from '../../lib/domain';

const hourLabel = (c: string) => CATEGORY_LABELS[c as HourCategory] ?? c;
const ceLabel = (c: string) => CE_CATEGORY_LABELS[c as CeCategory] ?? c;
const purposeLabel = (p: string) => (CONSENT_PURPOSES as Record<string, string>)[p] ?? p;

/** Everything the practice holds about the signed-in worker or supervisor, section by section. */
export function MyRecord() {
  // Each load is audited as a view of the record, so it is read once per visit, not again on
  // focus or remount; only a change to what it shows (a consent, a request) has it re-read.
  const query = useApiQuery(
    'privacy.myRecord',
    {},
    { staleTime: Infinity, refetchOnWindowFocus: false },
  );
  return (
    <Stack gap="sm">
      <div>
        <Title order={2} fz="h3">
          What the practice holds about you
        </Title>
        <Text size="sm" c="dimmed">
          Every record about you in Hourkeep. The owner can give you all of it as a file; opening
          this page is noted in the audit trail.
        </Text>
      </div>
      <QueryState query={query}>{(record) => <RecordSections record={record} />}</QueryState>
    </Stack>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {props.label}
      </Text>
      <Text size="sm">{props.children || '—'}</Text>
    </div>
  );
}

function Section(props: { value: string; title: string; count?: number; children: ReactNode }) {
  return (
    <Accordion.Item value={props.value}>
      <Accordion.Control>
        <Group gap="xs">
          <Text fw={600}>{props.title}</Text>
          {props.count !== undefined && (
            <Badge variant="light" color="gray" size="sm">
              {props.count}
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">{props.children}</Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function RecordSections({ record }: { record: PersonRecord }) {
  const p = record.person;
  const isWorker = p.type === 'worker';
  const total = record.hourEntries.reduce((s, e) => s + e.minutes, 0);
  const byCategory = new Map<string, number>();
  for (const e of record.hourEntries)
    byCategory.set(e.category, (byCategory.get(e.category) ?? 0) + e.minutes);

  return (
    <Accordion
      multiple
      variant="separated"
      defaultValue={['profile', 'hours', 'disclosures']}
      aria-label="Your record"
    >
      <Section value="profile" title="Profile">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          <Fact label="Name">
            {p.firstName} {p.lastName}
          </Fact>
          <Fact label="Email">{p.email}</Fact>
          <Fact label="Phone">{p.phone}</Fact>
          {p.type === 'worker' ? (
            <>
              <Fact label="Title">{p.title}</Fact>
              <Fact label="Registration">{p.registrationNumber}</Fact>
              <Fact label="Registration expires">{formatDate(p.registrationExpires)}</Fact>
              <Fact label="Started">{formatDate(p.startDate)}</Fact>
              {p.endDate && <Fact label="Left">{formatDate(p.endDate)}</Fact>}
              <Fact label="Degree">{p.degree}</Fact>
              <Fact label="School">{p.school}</Fact>
              <Fact label="Graduated">{formatDate(p.graduationDate)}</Fact>
            </>
          ) : (
            <>
              <Fact label="Licence">
                {p.licenseType} {p.licenseNumber} ({p.licenseState})
              </Fact>
              <Fact label="Licence expires">{formatDate(p.licenseExpires)}</Fact>
            </>
          )}
          <Fact label="Active">{p.active ? 'Yes' : 'No'}</Fact>
          <Fact label="Record last changed">{formatMoment(p.updatedAt)}</Fact>
          {record.accounts.map((a) => (
            <Fact key={a.id} label="Sign-in account">
              {a.username} ({a.role}
              {a.disabled ? ', disabled' : ''})
            </Fact>
          ))}
        </SimpleGrid>
      </Section>

      <Section
        value="hours"
        title={isWorker ? 'Hours' : 'Hours you supervised'}
        count={record.hourEntries.length}
      >
        <Group gap="lg">
          <Paper withBorder p="sm" radius="md">
            <Text size="xs" c="dimmed">
              Total
            </Text>
            <Text fw={700} fz="lg">
              {formatMinutes(total)}
            </Text>
          </Paper>
          {[...byCategory].map(([category, minutes]) => (
            <div key={category}>
              <Text size="xs" c="dimmed">
                {hourLabel(category)}
              </Text>
              <Text size="sm" fw={600}>
                {formatMinutes(minutes)}
              </Text>
            </div>
          ))}
        </Group>
        <SimpleTable
          label="Hour entries"
          rows={[...record.hourEntries].reverse()}
          rowKey={(e) => e.id}
          empty="No hour entries."
          columns={[
            { header: 'Date', cell: (e) => formatDate(e.date), width: 110 },
            {
              header: isWorker ? 'Supervisor' : 'Worker',
              cell: (e) => (isWorker ? e.supervisor.name : e.worker.name),
            },
            { header: 'Site', cell: (e) => e.site.name },
            { header: 'Category', cell: (e) => hourLabel(e.category) },
            {
              header: 'Time',
              cell: (e) => formatMinutes(e.minutes),
              align: 'right',
              width: 90,
            },
            ...(isWorker ? [{ header: 'Note', cell: (e: { note: string | null }) => e.note }] : []),
          ]}
        />
      </Section>

      <Section
        value="weeks"
        title={isWorker ? 'Weekly logs and sign-offs' : 'Weeks you signed'}
        count={isWorker ? record.weeklyLogs.length : record.weekSignatures.length}
      >
        {isWorker && (
          <SimpleTable
            label="Weekly logs"
            rows={[...record.weeklyLogs].reverse()}
            rowKey={(l) => l.id}
            empty="No week has been submitted."
            columns={[
              { header: 'Week', cell: (l) => formatWeekRange(l.weekStart) },
              { header: 'Status', cell: (l) => l.status },
              { header: 'Version', cell: (l) => l.version, align: 'right', width: 80 },
              { header: 'Comment', cell: (l) => l.returnComment ?? l.amendmentReason },
            ]}
          />
        )}
        <SimpleTable
          label="Sign-offs"
          rows={record.weekSignatures}
          rowKey={(g) => g.id}
          empty="No sign-offs."
          columns={[
            { header: 'Week', cell: (g) => formatWeekRange(g.weekStart) },
            {
              header: isWorker ? 'Signed by' : 'Worker',
              cell: (g) => (isWorker ? g.signerName : g.worker.name),
            },
            { header: 'Version', cell: (g) => g.version, align: 'right', width: 80 },
            { header: 'Signed', cell: (g) => formatMoment(g.signedAt) },
          ]}
        />
      </Section>

      <Section
        value="supervision"
        title="Supervision"
        count={record.assignments.length + record.supervisionSessions.length}
      >
        <SimpleTable
          label="Supervision assignments"
          rows={record.assignments}
          rowKey={(a) => a.id}
          empty="No supervision assignments."
          columns={[
            {
              header: isWorker ? 'Supervisor' : 'Worker',
              cell: (a) => (isWorker ? a.supervisor.name : a.worker.name),
            },
            { header: 'Site', cell: (a) => a.site.name },
            { header: 'From', cell: (a) => formatDate(a.startDate) },
            { header: 'To', cell: (a) => (a.endDate ? formatDate(a.endDate) : 'ongoing') },
          ]}
        />
        <SimpleTable
          label="Supervision sessions"
          rows={[...record.supervisionSessions].reverse()}
          rowKey={(x) => x.id}
          empty="No supervision sessions."
          columns={[
            { header: 'Date', cell: (x) => formatDate(x.date), width: 110 },
            { header: 'Kind', cell: (x) => x.kind },
            {
              header: isWorker ? 'Supervisor' : 'Attendees',
              cell: (x) =>
                isWorker ? x.supervisor.name : x.attendees.map((a) => a.name).join(', '),
            },
            { header: 'Time', cell: (x) => formatMinutes(x.minutes), align: 'right' },
            { header: 'Note', cell: (x) => x.note },
          ]}
        />
      </Section>

      <Section value="ce" title="Continuing education" count={record.ceRecords.length}>
        <SimpleTable
          label="CE records"
          rows={[...record.ceRecords].reverse()}
          rowKey={(c) => c.id}
          empty="No CE records."
          columns={[
            { header: 'Date', cell: (c) => formatDate(c.date), width: 110 },
            { header: 'Title', cell: (c) => c.title },
            { header: 'Provider', cell: (c) => c.provider },
            { header: 'Category', cell: (c) => ceLabel(c.category) },
            { header: 'Credit', cell: (c) => formatMinutes(c.minutes), align: 'right' },
            { header: 'Certificate', cell: (c) => c.certificateName },
          ]}
        />
        <SimpleTable
          label="CE cycles"
          rows={record.ceCycles}
          rowKey={(c) => c.id}
          empty="No renewal cycle is set."
          columns={[
            {
              header: 'Cycle',
              cell: (c) => `${formatDate(c.startDate)} – ${formatDate(c.endDate)}`,
            },
            { header: 'Required', cell: (c) => formatMinutes(c.requiredMinutes) },
            { header: 'Law and ethics', cell: (c) => formatMinutes(c.lawEthicsMinutes) },
          ]}
        />
      </Section>

      <Section value="consents" title="Consents" count={record.consents.length}>
        <SimpleTable
          label="Consent history"
          rows={[...record.consents].reverse()}
          rowKey={(c) => c.id}
          empty="No consent has been recorded; nothing that needs one is done with your data."
          columns={[
            { header: 'When', cell: (c) => formatMoment(c.at), width: 150 },
            { header: 'Purpose', cell: (c) => purposeLabel(c.purpose) },
            {
              header: 'Decision',
              cell: (c) => (
                <Badge color={c.granted ? 'teal' : 'gray'} variant="light">
                  {c.granted ? 'Granted' : 'Withdrawn'}
                </Badge>
              ),
            },
          ]}
        />
      </Section>

      <Section
        value="disclosures"
        title="Who your data was given to"
        count={record.disclosures.length}
      >
        <DisclosuresTable
          rows={[...record.disclosures].reverse()}
          label="Disclosures of your data"
        />
      </Section>

      <Section value="audit" title="Audit trail of your record" count={record.auditEntries.length}>
        <SimpleTable
          label="Audit entries"
          rows={[...record.auditEntries].reverse()}
          rowKey={(a) => a.id}
          empty="No audit entries."
          columns={[
            { header: 'When', cell: (a) => formatMoment(a.at), width: 150 },
            { header: 'By', cell: (a) => a.actor },
            { header: 'Action', cell: (a) => actionLabel(a.action).label },
            {
              header: 'Record',
              cell: (a) => (a.entity ? (ENTITY_LABELS[a.entity] ?? a.entity) : null),
            },
            { header: 'Detail', cell: (a) => a.detail },
          ]}
        />
      </Section>

      <Section
        value="other"
        title="Requests, notices and surveys"
        count={
          record.privacyRequests.length +
          record.noticeAcknowledgements.length +
          record.surveyParticipation.length +
          record.scheduledDeletions.length
        }
      >
        <SimpleTable
          label="Privacy requests"
          rows={record.privacyRequests}
          rowKey={(r) => r.id}
          empty="No privacy requests."
          columns={[
            { header: 'Received', cell: (r) => formatDate(r.receivedOn) },
            { header: 'Kind', cell: (r) => r.kind },
            { header: 'Status', cell: (r) => r.status },
            { header: 'Reason', cell: (r) => r.decisionReason },
          ]}
        />
        <SimpleTable
          label="Privacy notices acknowledged"
          rows={record.noticeAcknowledgements}
          rowKey={(k) => k.id}
          empty="No privacy notice acknowledged."
          columns={[
            { header: 'Notice version', cell: (k) => k.noticeVersion },
            { header: 'Acknowledged', cell: (k) => formatMoment(k.acknowledgedAt) },
          ]}
        />
        {record.scheduledDeletions.length > 0 && (
          <SimpleTable
            label="Postponed deletions"
            rows={record.scheduledDeletions}
            rowKey={(s) => s.id}
            empty=""
            columns={[
              { header: 'Deleted on', cell: (s) => formatDate(s.dueOn) },
              { header: 'Kept by', cell: (s) => s.ruleKeys.join(', ') },
            ]}
          />
        )}
        <Text size="sm" c="dimmed">
          {record.surveyParticipation.length === 0
            ? 'You have not answered a survey.'
            : `You answered: ${record.surveyParticipation.map((s) => s.title).join(', ')}. Your answers are stored without your name and are not part of your record.`}
        </Text>
      </Section>
    </Accordion>
  );
}
