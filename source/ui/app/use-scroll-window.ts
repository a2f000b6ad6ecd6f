// The slice of a long list on screen, kept between frames so the list scrolls
// only when the selection would leave it (model/list-window.ts).
import {useRef} from 'react';
import {scrollWindow, type ListWindow} from '../../model/list-window.js';

export function useScrollWindow(total: number, selected: number, height: number): ListWindow {
	const start = useRef(0);
	const window = scrollWindow(total, selected, height, start.current);
	start.current = window.start;
	return window;
}
