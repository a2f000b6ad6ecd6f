// Whichever full view is open, in the body instead of the panes: its registry entry draws it.
import type {FullView as FullViewState} from './full-view-state.js';
import {viewSpecOf} from './registry.js';
import type {ViewProps} from './view-spec.js';

export function FullView(props: ViewProps<FullViewState>) {
	const {Component} = viewSpecOf(props.view);
	return <Component {...props} />;
}
