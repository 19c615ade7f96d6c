import { Box, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconClockHour4, IconShieldLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';

/**
 * The frame of every screen shown before the app: set-up, recovery, sign-in and lock. A card
 * on a quiet background, the product's name above it and a line on where the data lives below.
 */
export function AuthLayout(props: { children: ReactNode; width?: number }) {
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
            Records stay on this computer; the key that protects them stays in its keychain.
          </Text>
        </Group>
      </Stack>
    </Box>
  );
}
