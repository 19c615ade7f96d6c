import { AppShell, Box, Group, NavLink, Stack, Text, ThemeIcon } from '@mantine/core';
import {
  IconAdjustmentsHorizontal,
  IconBook,
  IconDatabase,
  IconDatabaseExport,
  IconChecklist,
  IconFileDescription,
  IconLayoutDashboard,
  IconSchool,
  IconUsersGroup,
  IconBuildingHospital,
  IconCertificate,
  IconClockHour4,
  IconFileCheck,
  IconListDetails,
  IconUserShield,
  IconUsers,
  IconChartBar,
  IconLock,
  IconMessageCircle,
  IconUserCircle,
  type Icon,
} from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { mayOpen, type Screen } from '../../shared/domain/screens';
import { ChangePasswordDialog } from './auth/ChangePasswordDialog';
import { useCurrentUser } from './auth/session';
import { useActivityAndLockShortcut } from './auth/useActivity';
import { UserMenu } from './auth/UserMenu';
import { PracticeName } from './components/PracticeName';
import { ShortcutsDialog } from './components/ShortcutsDialog';
import { useFocusNeverLost, useShortcuts } from './lib/shortcuts';
import { navigate, routeHref, useRoute } from './lib/route';
import { AuditScreen } from './screens/audit/AuditScreen';
import { VerifyScreen } from './screens/verify/VerifyScreen';
import { BackupsScreen } from './screens/backups/BackupsScreen';
import { DatabaseScreen } from './screens/database/DatabaseScreen';
import { DashboardScreen } from './screens/dashboard/DashboardScreen';
import { ReviewScreen } from './screens/review/ReviewScreen';
import { SessionsScreen } from './screens/sessions/SessionsScreen';
import { PacksScreen } from './screens/packs/PacksScreen';
import { CeScreen } from './screens/ce/CeScreen';
import { ReportsScreen } from './screens/reports/ReportsScreen';
import { HoursScreen } from './screens/hours/HoursScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { SitesScreen } from './screens/sites/SitesScreen';
import { SupervisorsScreen } from './screens/supervisors/SupervisorsScreen';
import { UsersScreen } from './screens/users/UsersScreen';
import { WorkersScreen } from './screens/workers/WorkersScreen';
import { MyDataScreen } from './screens/my-data/MyDataScreen';
import { PrivacyScreen } from './screens/privacy/PrivacyScreen';
import { StatisticsScreen } from './screens/statistics/StatisticsScreen';
import { SurveysScreen } from './screens/surveys/SurveysScreen';

interface NavItem {
  screen: Screen;
  label: string;
  icon: Icon;
  admin?: true;
}

const HOURS: NavItem = { screen: 'hours', label: 'Hours', icon: IconClockHour4 };

/** Every screen in sidebar order; who may open each is SCREEN_ROLES, shared with main's menu. */
const NAV: NavItem[] = [
  { screen: 'dashboard', label: 'Dashboard', icon: IconLayoutDashboard },
  HOURS,
  { screen: 'review', label: 'Review', icon: IconChecklist },
  { screen: 'sessions', label: 'Supervision', icon: IconUsersGroup },
  { screen: 'ce', label: 'Continuing ed.', icon: IconSchool },
  { screen: 'reports', label: 'Reports', icon: IconFileDescription },
  { screen: 'workers', label: 'Workers', icon: IconUsers },
  { screen: 'supervisors', label: 'Supervisors', icon: IconCertificate },
  { screen: 'sites', label: 'Sites', icon: IconBuildingHospital },
  { screen: 'statistics', label: 'Statistics', icon: IconChartBar },
  { screen: 'surveys', label: 'Surveys', icon: IconMessageCircle },
  { screen: 'my-data', label: 'My data', icon: IconUserCircle },
  { screen: 'packs', label: 'Requirement packs', icon: IconBook, admin: true },
  { screen: 'users', label: 'Users', icon: IconUserShield, admin: true },
  { screen: 'backups', label: 'Backups', icon: IconDatabaseExport, admin: true },
  { screen: 'database', label: 'Database', icon: IconDatabase, admin: true },
  { screen: 'privacy', label: 'Privacy', icon: IconLock, admin: true },
  { screen: 'audit', label: 'Audit trail', icon: IconListDetails, admin: true },
  { screen: 'verify', label: 'Verify', icon: IconFileCheck, admin: true },
  { screen: 'settings', label: 'Settings', icon: IconAdjustmentsHorizontal, admin: true },
];

const SCREEN_COMPONENTS: Record<Screen, () => React.ReactNode> = {
  dashboard: DashboardScreen,
  review: ReviewScreen,
  sessions: SessionsScreen,
  packs: PacksScreen,
  ce: CeScreen,
  reports: ReportsScreen,
  backups: BackupsScreen,
  database: DatabaseScreen,
  hours: HoursScreen,
  workers: WorkersScreen,
  supervisors: SupervisorsScreen,
  sites: SitesScreen,
  users: UsersScreen,
  audit: AuditScreen,
  verify: VerifyScreen,
  settings: SettingsScreen,
  'my-data': MyDataScreen,
  privacy: PrivacyScreen,
  statistics: StatisticsScreen,
  surveys: SurveysScreen,
};

/** The signed-in, unlocked app: header, the role's navigation, and the current screen. */
export function App() {
  const route = useRoute();
  const user = useCurrentUser();
  const [changingPassword, setChangingPassword] = useState(false);
  useActivityAndLockShortcut();
  const [showingShortcuts, setShowingShortcuts] = useState(false);
  const showShortcuts = useCallback(() => setShowingShortcuts(true), []);
  useShortcuts(showShortcuts);
  useFocusNeverLost();

  const nav = useMemo(() => NAV.filter((n) => mayOpen(user.role, n.screen)), [user.role]);
  // A screen the role may not open falls back to the first one, the dashboard.
  const current = nav.find((n) => n.screen === route.screen) ?? nav[0] ?? HOURS;

  // The application menu (Electron only) asks for screens and dialogs through the bridge.
  useEffect(() => {
    return window.hourkeep?.onEvent((event) => {
      if (event.type === 'navigate' && nav.some((n) => n.screen === event.screen)) {
        navigate(event.screen);
      } else if (event.type === 'command' && event.command === 'keyboard-shortcuts') {
        setShowingShortcuts(true);
      } else if (event.type === 'command' && event.command === 'change-password') {
        setChangingPassword(true);
      } else if (event.type === 'command' && event.command === 'backup-now') {
        // The screen makes the backup, so the owner sees it happen and where it went.
        if (nav.some((n) => n.screen === 'backups')) navigate('backups', { now: Date.now() });
      }
    });
  }, [nav]);

  useEffect(() => {
    document.title = `${current.label} — Hourkeep`;
  }, [current.label]);

  const CurrentScreen = SCREEN_COMPONENTS[current.screen];
  const main = nav.filter((n) => !n.admin);
  const admin = nav.filter((n) => n.admin);
  const link = (item: NavItem) => {
    const active = item.screen === current.screen;
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
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: { base: 220, lg: 232 }, breakpoint: 0 }}
      padding={0}
      className="app-shell"
    >
      {/* The first thing Tab reaches: past the header and the sidebar to the screen. */}
      <a
        href="#main-content"
        className="skip-link"
        onClick={(e) => {
          // The address's fragment is the route: move focus, don't navigate.
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        Skip to main content
      </a>
      <AppShell.Header className="app-header">
        <Group h="100%" px="lg" gap="md" wrap="nowrap" justify="space-between">
          <Group gap="md" wrap="nowrap" style={{ minWidth: 0 }}>
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
          <UserMenu onChangePassword={() => setChangingPassword(true)} />
        </Group>
      </AppShell.Header>

      <AppShell.Navbar p="sm" className="app-navbar" aria-label="Main">
        <Stack gap={4}>{main.map(link)}</Stack>
        {admin.length > 0 && (
          <>
            <Text className="nav-section" id="nav-admin">
              Administration
            </Text>
            <Stack gap={4} role="group" aria-labelledby="nav-admin">
              {admin.map(link)}
            </Stack>
          </>
        )}
      </AppShell.Navbar>

      <AppShell.Main className="app-main" id="main-content" tabIndex={-1}>
        <Box className="page" key={current.screen}>
          <CurrentScreen />
        </Box>
      </AppShell.Main>

      <ShortcutsDialog opened={showingShortcuts} onClose={() => setShowingShortcuts(false)} />
      {changingPassword && <ChangePasswordDialog onClose={() => setChangingPassword(false)} />}
    </AppShell>
  );
}
