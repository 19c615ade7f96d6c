import pencilIcon from '@tabler/icons/outline/pencil.svg';
import trashIcon from '@tabler/icons/outline/trash.svg';
import { memo, type CSSProperties } from 'react';
import {
  formatMinutes,
  type HourEntry,
  type Site,
  type SupervisorListItem,
} from '../../lib/domain';
import { CATEGORY_LABELS, GROUP_COLORS, categoryGroup } from '../../lib/categories';
import { fullName } from '../../lib/people';
import './entry-row.css';

/** The Tabler icons, drawn by entry-row.css as masks (see `.row-icon::before`). */
const EDIT_ICON = { '--row-icon': `url("${pencilIcon}")` } as CSSProperties;
const DELETE_ICON = { '--row-icon': `url("${trashIcon}")` } as CSSProperties;

/**
 * One logged entry, in plain elements (entry-row.css): rows mount while the list scrolls.
 * Memoised: the virtual list renders again on every scroll frame, its rows need not.
 */
export const EntryRow = memo(function EntryRow(props: {
  entry: HourEntry;
  /** Position in the week's entries, for the benchmark's scroll and for tests. */
  index: number;
  site: Site | undefined;
  supervisor: SupervisorListItem | undefined;
  editable: boolean;
  onEdit: (entry: HourEntry) => void;
  onDelete: (entry: HourEntry) => void;
}) {
  const { entry: e } = props;
  const label = CATEGORY_LABELS[e.category];
  const duration = formatMinutes(e.minutes);
  return (
    <div className="entry-row" data-entry-index={props.index}>
      <div
        className="entry-bar"
        style={{ background: `var(--mantine-color-${GROUP_COLORS[categoryGroup(e.category)]}-5)` }}
        aria-hidden
      />
      <div className="entry-main">
        <p className="entry-category">{label}</p>
        <p className="entry-where">
          {props.site?.name ?? 'Unknown site'}
          <span className="sep" aria-hidden>
            ·
          </span>
          {props.supervisor ? fullName(props.supervisor) : 'Unknown supervisor'}
        </p>
        {e.note && <p className="entry-note">{e.note}</p>}
      </div>
      <p className="entry-duration tabular">{duration}</p>
      {props.editable && (
        <div className="row-actions">
          <button
            type="button"
            className="row-icon mantine-focus-auto mantine-active"
            style={EDIT_ICON}
            data-tip="Edit entry"
            aria-label={`Edit ${label}, ${duration}`}
            onClick={() => props.onEdit(e)}
          />
          <button
            type="button"
            className="row-icon mantine-focus-auto mantine-active"
            style={DELETE_ICON}
            data-tip="Delete entry"
            aria-label={`Delete ${label}, ${duration}`}
            onClick={() => props.onDelete(e)}
          />
        </div>
      )}
    </div>
  );
});
