// Whether the Interfaces pane's last frame had room for the rate columns (they
// give way to the peer and an address). The extras reader asks, so rates that
// change where no column shows them draw no frame: a veth's IPv6 router
// solicitations, which Linux sends for ever at growing intervals, would
// otherwise redraw an idle screen that shows no rate.
let room = true;

export const rateColumnsFit = (): boolean => room;

export function noteRateRoom(fits: boolean): void {
	room = fits;
}
