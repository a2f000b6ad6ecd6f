// Long work on the main thread in slices, so the TUI answers keys meanwhile:
// about `sliceMs` of work, then `pause()`, which gives the event loop its turn
// (the TUI's pause also waits while keys come in).
export type Slicing = {sliceMs: number; pause: () => Promise<void>};

/** `await step()` between pieces of work pauses once a slice is used up; without slicing it never pauses. */
export function slicer(slicing: Slicing | undefined): () => Promise<void> | void {
	if (!slicing) return () => {};
	let sliceStart = performance.now();
	return async () => {
		if (performance.now() - sliceStart < slicing.sliceMs) return;
		await slicing.pause();
		sliceStart = performance.now();
	};
}
