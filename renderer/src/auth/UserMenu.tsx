import {
  Avatar,
  Group,
  Kbd,
  Menu,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { IconChevronDown, IconFileText, IconKey, IconLock, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { NoticeReader } from '../screens/privacy/notice/NoticeReader';
import { initials } from './LockScreen';
import { ROLE_LABELS } from './roles';
import { signOut, useCurrentUser } from './session';
import { lockNow } from './useActivity';

const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Who is signed in, and what they can do about their own session. */
export function UserMenu(props: { onChangePassword: () => void }) {
  const user = useCurrentUser();
  const [noticeOpen, setNoticeOpen] = useState(false);
  return (
    <>
      <Menu position="bottom-end" width={230} shadow="md" withinPortal>
        <Menu.Target>
          {/* Named by its own text (axe: a label must hold the visible text), "Account:" first. */}
          <UnstyledButton className="user-button">
            <VisuallyHidden>Account: {user.displayName}</VisuallyHidden>
            <Group gap={10} wrap="nowrap" aria-hidden>
              <Avatar size={32} radius={32} color="brand" variant="light" aria-hidden>
                {initials(user.displayName)}
              </Avatar>
              <Stack gap={0} visibleFrom="sm">
                <Text size="sm" fw={600} lh={1.25} c="dark.7" truncate maw={180}>
                  {user.displayName}
                </Text>
                <Text size="xs" c="dimmed" lh={1.25}>
                  {ROLE_LABELS[user.role]}
                </Text>
              </Stack>
              <IconChevronDown size={15} color="var(--mantine-color-gray-6)" aria-hidden />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Signed in as {user.username}</Menu.Label>
          <Menu.Item leftSection={<IconKey size={16} />} onClick={props.onChangePassword}>
            Change password
          </Menu.Item>
          <Menu.Item
            leftSection={<IconLock size={16} />}
            rightSection={<Kbd size="xs">{isMac ? '⌘L' : 'Ctrl+L'}</Kbd>}
            onClick={() => void lockNow()}
          >
            Lock now
          </Menu.Item>
          <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => setNoticeOpen(true)}>
            Privacy notice
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => void signOut()}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <NoticeReader opened={noticeOpen} onClose={() => setNoticeOpen(false)} />
    </>
  );
}
