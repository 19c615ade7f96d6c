import { Tooltip, useMantineTheme, type TooltipProps } from '@mantine/core';
import { cloneElement, useEffect, useState, type MouseEvent, type ReactElement } from 'react';

type Hoverable = ReactElement<{
  onMouseEnter?: (e: MouseEvent) => void;
  onMouseLeave?: (e: MouseEvent) => void;
}>;

/**
 * A Mantine Tooltip for the cells of long tables, mounted only once the pointer has rested on
 * its target for the tooltip's open delay. Each Tooltip costs a floating-ui instance, refs and
 * effects; the owner's overview shows four per row, and those took about a third of its first
 * render at 1M entries (26 rows on screen), for tooltips nobody had asked to see yet.
 *
 * Mounting swaps the target's node for an identical one under the pointer, so the tooltip
 * opens at once then (the delay has passed) and closes as a Tooltip does when the pointer
 * leaves. Like Mantine's default, it opens on hover only.
 */
export function LazyTooltip({ children, ...props }: TooltipProps & { children: Hoverable }) {
  const theme = useMantineTheme();
  const themed = theme.components.Tooltip?.defaultProps as { openDelay?: number } | undefined;
  const delay = props.openDelay ?? themed?.openDelay ?? 0;
  const [hovering, setHovering] = useState(false);
  const [armed, setArmed] = useState(false);
  useEffect(() => {
    if (!hovering || armed) return;
    const timer = window.setTimeout(() => setArmed(true), delay);
    return () => window.clearTimeout(timer);
  }, [hovering, armed, delay]);

  if (armed) {
    return (
      // Opened only if the pointer is still there when it mounts.
      <Tooltip {...props} defaultOpened={hovering}>
        {children}
      </Tooltip>
    );
  }
  return cloneElement(children, {
    onMouseEnter: (e: MouseEvent) => {
      children.props.onMouseEnter?.(e);
      setHovering(true);
    },
    onMouseLeave: (e: MouseEvent) => {
      children.props.onMouseLeave?.(e);
      setHovering(false);
    },
  });
}
