import { EmptyState, Paper } from '@mantine/core';
import type { ReactNode } from 'react';

/** An empty list: what is missing, why it matters, and the button that fixes it. */
export function Empty(props: {
  icon: ReactNode;
  title: string;
  description: ReactNode;
  action?: ReactNode;
  bordered?: boolean;
}) {
  const body = (
    <EmptyState py={48} px="lg" variant="light" icon={props.icon}>
      <EmptyState.Title order={2}>{props.title}</EmptyState.Title>
      <EmptyState.Description maw={420}>{props.description}</EmptyState.Description>
      {props.action && <EmptyState.Actions mt="md">{props.action}</EmptyState.Actions>}
    </EmptyState>
  );
  return props.bordered === false ? (
    body
  ) : (
    <Paper withBorder radius="md" shadow="xs">
      {body}
    </Paper>
  );
}
