// What a refresh is asked to do: which namespaces to read again, and how old
// the mount table, the /proc scan and the holder scans may be.
import type {Slicing} from '../slicing.js';

/** Which namespaces a refresh reads again; the others keep their last reading. */
export type RefreshPlan = {
	/** Read again whatever their age (the selected namespace, one an action changed). */
	focus?: Iterable<number>;
	/** Readings older than this are read again; 0 (the default): every one. */
	maxAgeMs?: number;
	/** Namespaces whose changes the namespace watcher reports: their readings are read again only after watchedMaxAgeMs (a safety net). */
	watched?: ReadonlySet<number>;
	watchedMaxAgeMs?: number;
	/** At most this many old readings per refresh, oldest first. */
	staleBudget?: number;
	/** Read only the focused namespaces and the host's; list the others unread (`pending`) and processes without details, to show something at once. */
	listOnly?: boolean;
	/**
	 * The mount table (~200 KB with a thousand namespaces) is read again after
	 * this long, or on the next refresh after /run/netns changed (inotify); unset:
	 * on every refresh.
	 */
	mountsMaxAgeMs?: number;
	/**
	 * Threads, open descriptors and the mount tables of other mount namespaces
	 * (scanHolders: every descriptor of every process) are scanned again after
	 * this long; unset: on every refresh. A list-only refresh does not scan them.
	 */
	holdersMaxAgeMs?: number;
	/** Keep the last /proc scan (the TUI: namespaces changed, and nothing says processes did). */
	keepProcesses?: boolean;
	/** Scan options for /proc (see scanProcesses). */
	trustProcessesAfterMs?: number;
	recheckProcessesAfterMs?: number;
	/** The /proc scan and the work on what was read in slices, with pauses between (the TUI); unset: in one go. */
	slicing?: Slicing;
};
