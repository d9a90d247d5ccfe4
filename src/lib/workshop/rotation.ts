// What the facilitator is told before a link is replaced: who it disconnects, counted when known.

/**
 * The warning before replacing a link. `label` as shown ("Edit link"), `connected` the sockets
 * using the current link now (null when unknown), `own` true for the facilitator link (this
 * page is one of them and moves to the new link).
 */
export function rotationWarning(label: string, connected: number | null, own = false): string {
	const name = label.toLowerCase();
	const after = own
		? `The old link stops working at once; this page moves to the new one, and co-facilitators need it to carry on.`
		: `The old link stops working at once: they need the new link to carry on.`;
	if (connected === null) return `Everyone using the current ${name} is disconnected. ${after}`;
	const others = own ? Math.max(0, connected - 1) : connected;
	if (others === 0) {
		return own
			? `No one else is connected with the current ${name} now. The old link stops working at once, and this page moves to the new one.`
			: `No one is connected with the current ${name} now. The old link stops working at once: anyone who has it needs the new link.`;
	}
	const who = others === 1 ? '1 person is' : `${others} people are`;
	return `${who} connected with the current ${name}${own ? ' besides you' : ''}: they are disconnected at once. ${after}`;
}
