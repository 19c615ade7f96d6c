import { List, Stack, Text, Title } from '@mantine/core';

/**
 * A notice is plain text: blocks split by blank lines; a block's short first line without a
 * full stop is its heading; lines starting with "- " are a list.
 */
export function NoticeBody({ body }: { body: string }) {
  const blocks = body
    .split(/\n\s*\n/)
    .map((b) => b.split('\n').map((l) => l.trimEnd()))
    .filter((lines) => lines.some((l) => l.trim()));
  return (
    <Stack gap="sm" className="notice-body">
      {blocks.map((lines, i) => {
        const [first = '', ...rest] = lines;
        const heading =
          rest.length > 0 && first.length <= 60 && !/[.:;]$/.test(first) && !first.startsWith('- ');
        const content = heading ? rest : lines;
        const items = content.filter((l) => l.startsWith('- '));
        const prose = content.filter((l) => !l.startsWith('- '));
        return (
          <Stack key={i} gap={4}>
            {heading && (
              <Title order={3} fz="sm" fw={650} c="dark.7">
                {first}
              </Title>
            )}
            {prose.map((p, j) => (
              <Text key={`p${j}`} size="sm">
                {p}
              </Text>
            ))}
            {items.length > 0 && (
              <List size="sm" spacing={2}>
                {items.map((item, j) => (
                  <List.Item key={`i${j}`}>{item.slice(2)}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
