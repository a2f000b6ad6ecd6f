// Colours that carry meaning, and their colourless stand-ins when NO_COLOR is
// set (https://no-color.org): bold, dim, italic, underline and inverse are not colours.
import {createContext, useContext} from 'react';
import type {TextProps} from 'ink';

export type Tone =
	| 'up'
	| 'down'
	| 'host'
	| 'unnamed'
	| 'defaultRoute'
	| 'error'
	| 'warning'
	| 'changed'
	| 'paneTitle'
	| 'paneTitleFocused'
	| 'selectedFocused'
	| 'selected'
	| 'muted'
	| 'banner'
	/** The engine tag of an owned namespace (docker, k8s, svc, ...): containers, pods, machines and services. */
	| 'engineContainer'
	| 'enginePod'
	| 'engineSystem'
	/** An escape standing for a control character in text from the system. */
	| 'escaped';

export type Theme = {color: boolean};

type Style = Pick<
	TextProps,
	'color' | 'backgroundColor' | 'bold' | 'dimColor' | 'italic' | 'underline' | 'inverse'
>;

const colored: Record<Tone, Style> = {
	up: {color: 'green'},
	down: {color: 'red'},
	host: {color: 'cyan', bold: true},
	unnamed: {color: 'magenta'},
	defaultRoute: {color: 'yellow', bold: true},
	error: {color: 'red', bold: true},
	warning: {color: 'yellow'},
	changed: {color: 'black', backgroundColor: 'yellow'},
	paneTitle: {bold: true, color: 'blue'},
	paneTitleFocused: {bold: true, color: 'black', backgroundColor: 'cyan'},
	selectedFocused: {inverse: true},
	selected: {bold: true},
	muted: {dimColor: true},
	banner: {color: 'black', backgroundColor: 'yellow', bold: true},
	engineContainer: {color: 'blue', bold: true},
	enginePod: {color: 'green', bold: true},
	engineSystem: {color: 'yellow', bold: true},
	escaped: {color: 'black', backgroundColor: 'magenta'},
};

const plain: Record<Tone, Style> = {
	up: {},
	down: {dimColor: true},
	host: {bold: true},
	unnamed: {italic: true},
	defaultRoute: {bold: true},
	error: {bold: true},
	warning: {},
	changed: {bold: true, underline: true},
	paneTitle: {bold: true},
	paneTitleFocused: {bold: true, inverse: true},
	selectedFocused: {inverse: true},
	selected: {bold: true},
	muted: {dimColor: true},
	banner: {bold: true, inverse: true},
	// The tag's own word tells the engine; bold sets it off from the name.
	engineContainer: {bold: true},
	enginePod: {bold: true},
	engineSystem: {bold: true},
	escaped: {inverse: true},
};

export function toneStyle(tone: Tone, theme: Theme): Style {
	return (theme.color ? colored : plain)[tone];
}

/** NO_COLOR counts when it is set to anything but the empty string. */
export function themeFromEnvironment(env: NodeJS.ProcessEnv = process.env): Theme {
	return {color: !env['NO_COLOR']};
}

export const ThemeContext = createContext<Theme>(themeFromEnvironment());

export function useTone(): (tone: Tone) => Style {
	const theme = useContext(ThemeContext);
	return tone => toneStyle(tone, theme);
}
