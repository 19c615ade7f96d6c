import { createTheme, Input, type MantineColorsTuple } from '@mantine/core';

/** A calm teal-blue: clinical without being cold. */
const brand: MantineColorsTuple = [
  '#e6f6f7',
  '#d3eaec',
  '#a8d3d8',
  '#79bbc3',
  '#53a7b1',
  '#3a9aa6',
  '#2b93a0',
  '#1b7f8b',
  '#08717c',
  '#00626c',
];

export const theme = createTheme({
  primaryColor: 'brand',
  primaryShade: 8,
  colors: { brand },
  defaultRadius: 'md',
  cursorType: 'pointer',
  // People who ask their OS for less motion get no modal/drawer transitions.
  respectReducedMotion: true,
  fontFamily:
    '"Inter Variable", Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: {
    fontWeight: '650',
  },
  components: {
    // Every input (TextInput, Select, NumberInput…) is built on Input: one class for them all.
    Input: Input.extend({ classNames: { wrapper: 'hk-input' } }),
    Modal: {
      defaultProps: {
        centered: true,
        radius: 'md',
        overlayProps: { backgroundOpacity: 0.4, blur: 1 },
      },
    },
    Tooltip: { defaultProps: { openDelay: 400, withArrow: true } },
    // Every notification's close button has a name (axe: button-name).
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } } },
  },
});
