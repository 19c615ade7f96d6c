import { Button, Menu } from '@mantine/core';
import { IconChevronDown, IconKey, IconLock, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { ChangePasswordDialog } from '../auth/ChangePasswordDialog';
import { RemoveProfileDialog } from './RemoveProfileDialog';
import { lockReviewer } from './reviewer-session';

/** The reviewer's own profile: lock it, change its password, or remove it from this computer. */
export function ReviewerMenu({ name }: { name: string }) {
  const [dialog, setDialog] = useState<'password' | 'remove' | null>(null);
  const close = () => setDialog(null);
  return (
    <>
      <Button.Group>
        <Button
          variant="default"
          leftSection={<IconLock size={16} />}
          onClick={() => void lockReviewer()}
        >
          Lock
        </Button>
        <Menu position="bottom-end" width={240} shadow="md" withinPortal>
          <Menu.Target>
            <Button variant="default" px={8} aria-label={`Profile: ${name}`}>
              <IconChevronDown size={16} aria-hidden />
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Reviewer profile</Menu.Label>
            <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setDialog('password')}>
              Change password
            </Menu.Item>
            <Menu.Divider />
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={16} />}
              onClick={() => setDialog('remove')}
            >
              Remove from this computer…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Button.Group>
      {dialog === 'password' && (
        <ChangePasswordDialog call="reviewer.changePassword" onClose={close} />
      )}
      {dialog === 'remove' && <RemoveProfileDialog onClose={close} />}
    </>
  );
}
