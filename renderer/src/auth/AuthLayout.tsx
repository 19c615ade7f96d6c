import {
  Box,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { IconClockHour4, IconShieldLock } from '@tabler/icons-react';
import type { FormEventHandler, ReactNode } from 'react';
import { AuthAlert } from './AuthAlert';
import { ErrorAlert } from '../components/ErrorAlert';
import { useSession } from './session';

/**
 * The frame of every screen shown before the app: set-up, recovery, sign-in and lock. A card
 * on a quiet background, the product's name above it and a line on where the data lives below.
 */
export function AuthLayout(props: {
  children: ReactNode;
  width?: number;
  /** Where the data lives, when it is not this computer's file (a practice on its server). */
  note?: string;
}) {
  const { status } = useSession();
  return (
    <Box className="auth-page" component="main">
      <Stack align="center" gap="lg" w="100%" maw={props.width ?? 440}>
        <Group gap={10} wrap="nowrap">
          <ThemeIcon size={34} radius="md" variant="filled" aria-hidden>
            <IconClockHour4 size={21} stroke={2} />
          </ThemeIcon>
          <Text fw={700} fz={22} lh={1} c="dark.8" className="app-name">
            Hourkeep
          </Text>
        </Group>
        <Paper withBorder radius="lg" shadow="sm" p={32} w="100%" className="auth-card">
          {props.children}
        </Paper>
        <Group gap={6} c="gray.6" wrap="nowrap">
          <IconShieldLock size={14} aria-hidden />
          <Text size="xs" c="gray.6">
            {props.note ??
              (status?.kept === 'server'
                ? "Records stay on the practice's server; the key that opens them here stays in this computer's keychain."
                : 'Records stay on this computer; the key that protects them stays in its keychain.')}
          </Text>
        </Group>
      </Stack>
    </Box>
  );
}

/** A pre-app screen's heading: the practice's name (once there is one) over the title. */
export function AuthHeading(props: {
  practiceName?: string | null;
  title: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Stack gap={4}>
      {props.practiceName && (
        <Text size="sm" fw={600} c="brand.8" tt="uppercase" lts="0.04em">
          {props.practiceName}
        </Text>
      )}
      <Title order={1} fz={24} c="dark.8">
        {props.title}
      </Title>
      {props.children}
    </Stack>
  );
}

/** While a gate waits for main: a loader, or what went wrong with a way to try again. */
export function AuthWaiting(props: { error: string | null; title?: string; onRetry: () => void }) {
  return props.error ? (
    <AuthLayout>
      <ErrorAlert title={props.title}>
        {props.error}
        <div>
          <Button mt="sm" size="xs" variant="default" onClick={props.onRetry}>
            Try again
          </Button>
        </div>
      </ErrorAlert>
    </AuthLayout>
  ) : (
    <Center h="100vh" aria-busy="true">
      <Loader size="sm" aria-label="Loading" />
    </Center>
  );
}

/**
 * A pre-app screen holding one form: the heading (and anything said before the form), main's
 * refusal in `errorTitle`'s words, the fields, the full-width submit button, then `footer`.
 */
export function AuthForm(props: {
  width?: number;
  onSubmit: FormEventHandler<HTMLFormElement>;
  heading: ReactNode;
  error: string | null;
  errorTitle: string;
  submitLabel: string;
  submitIcon: ReactNode;
  busy: boolean;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <AuthLayout width={props.width}>
      <form noValidate onSubmit={props.onSubmit}>
        <Stack gap="lg">
          {props.heading}
          {props.error && <AuthAlert title={props.errorTitle}>{props.error}</AuthAlert>}
          {props.children}
          <Button type="submit" fullWidth loading={props.busy} leftSection={props.submitIcon}>
            {props.submitLabel}
          </Button>
          {props.footer}
        </Stack>
      </form>
    </AuthLayout>
  );
}
