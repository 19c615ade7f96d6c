import { IconKey } from '@tabler/icons-react';
import type { FieldValues } from 'react-hook-form';
import { TextField } from './fields';

/**
 * The recovery code (or its last groups) as typed: monospaced, with the key icon, no spelling
 * check or autocomplete; a placeholder showing the code's groups.
 */
export function RecoveryCodeField<T extends FieldValues>(p: Parameters<typeof TextField<T>>[0]) {
  return (
    <TextField
      label="Recovery code"
      placeholder="XXXXX-XXXXX-XXXXX-XXXXX-XXXXX-XXXXX"
      leftSection={<IconKey size={16} />}
      autoComplete="off"
      spellCheck={false}
      classNames={{ input: 'mono-input' }}
      {...p}
    />
  );
}
