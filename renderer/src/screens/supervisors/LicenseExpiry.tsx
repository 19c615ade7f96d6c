import { Badge, Group, Text } from '@mantine/core';
import { daysUntil, formatDate } from '../../lib/dates';

/** Within this many days a license is flagged as expiring. */
export const EXPIRY_WARNING_DAYS = 60;

export function licenseStatus(expires: string): 'expired' | 'expiring' | 'valid' {
  const days = daysUntil(expires);
  if (days < 0) return 'expired';
  if (days <= EXPIRY_WARNING_DAYS) return 'expiring';
  return 'valid';
}

export function LicenseExpiry({ expires }: { expires: string }) {
  const status = licenseStatus(expires);
  const days = daysUntil(expires);
  return (
    <Group gap={6} style={{ rowGap: 4 }}>
      <Text size="sm" className="tabular nowrap" c={status === 'expired' ? 'red.8' : undefined}>
        {formatDate(expires)}
      </Text>
      {status === 'expired' && (
        <Badge color="red" variant="light" radius="sm" tt="none">
          Expired
        </Badge>
      )}
      {status === 'expiring' && (
        <Badge color="orange" variant="light" radius="sm" tt="none" style={{ overflow: 'visible' }}>
          {days === 0 ? 'Expires today' : `Expires in ${days} ${days === 1 ? 'day' : 'days'}`}
        </Badge>
      )}
    </Group>
  );
}
