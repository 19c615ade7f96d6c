import { Paper, type PaperProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A titled block of a screen (a chart, a list, a status): one bordered card as a landmark
 * `section`, named by `aria-label` or by its heading through `aria-labelledby`.
 */
export function SectionCard(
  props: PaperProps & {
    children: ReactNode;
    'aria-label'?: string;
    'aria-labelledby'?: string;
    'data-testid'?: string;
  },
) {
  return <Paper withBorder radius="md" shadow="xs" p="lg" component="section" {...props} />;
}
