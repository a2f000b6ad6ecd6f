import {useEffect} from 'react';
import type {Poller} from './poller.js';

/** Live updates run while the UI is mounted. */
export function usePolling(poller: Poller | undefined): void {
	useEffect(() => {
		if (!poller) return;
		poller.start();
		return () => poller.stop();
	}, [poller]);
}
