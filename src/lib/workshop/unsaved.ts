// Text a person typed that the map did not take (a lock arrived first), kept on screen so they can
// copy it; and text written but not yet confirmed by the server, which a refusal would otherwise
// lose with the rest of the refused copy (the page rejoins). Pure.

/** Typed text the map did not take. */
export interface UnsavedText {
	/** What it was for, e.g. "the name of “Payments”". */
	readonly what: string;
	/** Why it was not saved, a sentence. */
	readonly why: string;
	readonly text: string;
}

/** Text this person wrote to the map. */
export interface WrittenText {
	readonly what: string;
	readonly text: string;
}

/** How many unconfirmed texts are kept (the newest); more is typing nobody waits that long for. */
const KEEP = 20;

/** Texts written since the server last confirmed everything this page wrote. */
export class UnconfirmedTexts {
	private list: WrittenText[] = [];

	/** This person wrote `t` (the latest text for the same field replaces an earlier one). */
	wrote(t: WrittenText): void {
		this.list = [...this.list.filter((x) => x.what !== t.what), t].slice(-KEEP);
	}

	/** The server has everything this page wrote. */
	saved(): void {
		this.list = [];
	}

	/** Everything not confirmed, as refused because `why`; forgets it. */
	refused(why: string): UnsavedText[] {
		const out = this.list.map((t) => ({ ...t, why }));
		this.list = [];
		return out;
	}
}

/** `list` with `u` added, unless the same text for the same field is already shown. */
export function addUnsaved(list: readonly UnsavedText[], u: UnsavedText): UnsavedText[] {
	return list.some((x) => x.what === u.what && x.text === u.text) ? [...list] : [...list, u];
}

/** A refusal's reason without the server's "your change was not saved" (the notice says it). */
export function reasonOnly(why: string): string {
	return why.replace(/:\s*your changes? (?:was|were|are) not saved\.?$/i, '.');
}
