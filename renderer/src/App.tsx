import { AppShell, Box, Group, NavLink, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconBuildingHospital,
  IconCertificate,
  IconClockHour4,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import { useEffect } from 'react';
import type { Screen } from '../../main/api/bridge';
import { PracticeName } from './components/PracticeName';
import { navigate, routeHref, useRoute, SCREENS } from './lib/route';
import { HoursScreen } from './screens/hours/HoursScreen';
import { SitesScreen } from './screens/sites/SitesScreen';
import { SupervisorsScreen } from './screens/supervisors/SupervisorsScreen';
import { WorkersScreen } from './screens/workers/WorkersScreen';

const HOURS = { screen: 'hours', label: 'Hours', icon: IconClockHour4 } as const;
const NAV: { screen: Screen; label: string; icon: Icon }[] = [
  HOURS,
  { screen: 'workers', label: 'Workers', icon: IconUsers },
  { screen: 'supervisors', label: 'Supervisors', icon: IconCertificate },
  { screen: 'sites', label: 'Sites', icon: IconBuildingHospital },
];

export function App() {
  const route = useRoute();

  // The application menu (Electron only) asks for screens through the bridge.
  useEffect(() => {
    return window.hourkeep?.onEvent((event) => {
      if (event.type === 'navigate' && (SCREENS as readonly string[]).includes(event.screen)) {
        navigate(event.screen);
      }
    });
  }, []);

  const current = NAV.find((n) => n.screen === route.screen) ?? HOURS;
  useEffect(() => {
    document.title = `${current.label} — Hourkeep`;
  }, [current.label]);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 0 }}
      padding={0}
      className="app-shell"
    >
      <AppShell.Header className="app-header">
        <Group h="100%" px="lg" gap="md" wrap="nowrap">
          <Group gap={10} wrap="nowrap">
            <ThemeIcon size={30} radius="md" variant="filled" aria-hidden>
              <IconClockHour4 size={19} stroke={2} />
            </ThemeIcon>
            <Text fw={700} fz="lg" lh={1} c="dark.8" className="app-name">
              Hourkeep
            </Text>
          </Group>
          <Box className="header-divider" aria-hidden />
          <PracticeName />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" className="app-navbar" aria-label="Main">
        <Stack gap={4}>
          {NAV.map((item) => {
            const active = item.screen === route.screen;
            return (
              <NavLink
                key={item.screen}
                href={routeHref(item.screen)}
                label={item.label}
                leftSection={<item.icon size={19} stroke={1.7} />}
                active={active}
                aria-current={active ? 'page' : undefined}
                variant="light"
                className="nav-link"
              />
            );
          })}
        </Stack>
      </AppShell.Navbar>

      <AppShell.Main className="app-main">
        <Box className="page" key={route.screen}>
          {route.screen === 'hours' && <HoursScreen />}
          {route.screen === 'workers' && <WorkersScreen />}
          {route.screen === 'supervisors' && <SupervisorsScreen />}
          {route.screen === 'sites' && <SitesScreen />}
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
