// Long work on the main thread in slices, so the TUI answers keys meanwhile:
// about `sliceMs` of work, then `pause()`, which gives the event loop its turn
// (the TUI's pause also waits while keys come in).
export type Slicing = {sliceMs: number; pause: () => Promise<void>};

/**
 * `await step()` between pieces of work pauses once a slice is used up; without
 * slicing it never pauses. It hands back a promise only when it pauses, so a
 * loop over a thousand namespaces can skip the await (a microtask each) with
 * `const paused = step(); if (paused) await paused;`.
 */
export function slicer(slicing: Slicing | undefined): () => Promise<void> | void {
	if (!slicing) return () => {};
	let sliceStart = performance.now();
	return () => {
		if (performance.now() - sliceStart < slicing.sliceMs) return;
		return slicing.pause().then(() => {
			sliceStart = performance.now();
		});
	};
}
