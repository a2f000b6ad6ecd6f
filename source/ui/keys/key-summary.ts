// The key list of `nstui --help`, rendered from the panes' key tables (the
// help inside nstui renders the same tables), so no copy is kept by hand.
import {helpLines, keyWidth} from '../views/help/help-pages.js';
import {panesHelpSections} from './help-sections.js';

/** The panes' keys, group by group, wrapped to `width` columns. */
export function keySummary(width = 80): string {
	return helpLines(panesHelpSections(), false, width - keyWidth - 4)
		.map(line =>
			line.kind === 'group' ? line.text : `  ${line.keys.padEnd(keyWidth)}${line.text}`,
		)
		.map(line => line.trimEnd())
		.join('\n');
}
