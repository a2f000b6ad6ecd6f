// The TUI's timeline is filled from the readings it makes anyway: each
// refresh's snapshot is compared with the one before (the same diff as
// `nstui watch`), so recording starts no process and reads nothing more.
import type {Process, Snapshot} from '../../model/snapshot.js';
import type {Change} from '../../model/timeline/change.js';
import {diffSnapshots, type DiffOptions} from '../../model/timeline/diff-snapshots.js';
import type {Timeline} from '../../model/timeline/timeline.js';
import type {RefreshKind} from './poller.js';

export type TimelineRecorder = (kind: RefreshKind, snapshot: Snapshot) => readonly Change[];

export function createTimelineRecorder(
	timeline: Timeline,
	parentOf?: (process: Process) => number | undefined,
): TimelineRecorder {
	const options: DiffOptions = {parentOf};
	let last: Snapshot | null = null;
	return (kind, snapshot) => {
		// The first reading lists the namespaces without their contents: against it every link would be "added".
		if (kind === 'first') return [];
		const changes = last ? diffSnapshots(last, snapshot, undefined, options) : [];
		last = snapshot;
		timeline.add(changes);
		return changes;
	};
}
