// The text view's state, free of DOM: the OWM text shown, the user's pending edit, parse errors,
// and how edits reach the map (the controller's reconcile: minimal commands, one undo step each)
// and map changes reach the text (a fresh print, or a three-way merge with an edit in progress).
import type { MapSnapshot } from '../map/index.js';
import { parseOwm, printOwm, type Diagnostic } from '../formats/owm/index.js';
import { merge3 } from './text-merge.js';

/** Milliseconds of no typing before an edit is applied to the map. */
export const TEXT_APPLY_DELAY = 400;

/** What the text view needs of the editor controller: the map now, and a way to change it to another. */
export interface TextTarget {
	readonly map: MapSnapshot;
	reconcile(map: MapSnapshot): void;
}

/** A new text for the text box; `lineMap` maps the old text's lines to the new one's (to keep the caret). */
export interface TextChange {
	readonly text: string;
	readonly lineMap: readonly number[] | null;
}

const lines = (text: string) => text.split('\n');

export class TextSync {
	/** What the text box holds. */
	text: string;
	/** Parse errors of `text` (the map keeps its last good state while there are any). */
	errors: readonly Diagnostic[] = [];
	/** The print of the map that `text` was last in step with: the base of a merge. */
	private synced: string;
	/** True while `text` has edits the map does not have yet (waiting, or with errors). */
	private pending = false;

	constructor(private readonly target: TextTarget) {
		this.synced = printOwm(target.map);
		this.text = this.synced;
	}

	/** True while the user's text has edits not in the map (waiting for a pause, or with errors). */
	get dirty(): boolean {
		return this.pending;
	}

	/**
	 * The map changed (anyone's change). With no edit in progress the text becomes the fresh print;
	 * during an edit the text is left alone and merged at the next apply. Returns the new text, if any.
	 */
	mapChanged(snapshot: MapSnapshot): TextChange | null {
		const printed = printOwm(snapshot);
		if (printed === this.synced) return null;
		if (this.pending) return null;
		const lineMap = merge3(lines(this.text), lines(this.text), lines(printed)).aLineMap;
		this.text = this.synced = printed;
		return { text: printed, lineMap };
	}

	/** The user typed: remember the text; apply() makes it the map. */
	edit(text: string): void {
		this.text = text;
		this.pending = true;
	}

	/**
	 * Parse the text; with errors keep the map as it is and report them. Otherwise change the map to
	 * match with the fewest commands, first merging in anything others changed since the edit began.
	 * Returns the text to show when the merge changed it.
	 */
	apply(): TextChange | null {
		if (!this.pending) return null;
		const parsed = parseOwm(this.text);
		this.errors = parsed.errors;
		if (parsed.errors.length > 0) return null;
		const current = printOwm(this.target.map);
		let map = parsed.map;
		let change: TextChange | null = null;
		if (current !== this.synced) {
			const merge = merge3(lines(this.synced), lines(this.text), lines(current));
			const mergedText = merge.lines.join('\n');
			const merged = parseOwm(mergedText);
			// A merge that no longer parses (a split pipeline block) falls back to the user's text.
			if (merged.errors.length === 0) {
				map = merged.map;
				if (mergedText !== this.text) change = { text: mergedText, lineMap: merge.aLineMap };
				this.text = mergedText;
			}
		}
		this.target.reconcile(map);
		this.synced = printOwm(this.target.map);
		this.pending = false;
		return change;
	}

	/** Drop the user's edit and show the map as it is. */
	revert(): TextChange {
		this.pending = false;
		this.errors = [];
		const old = this.text;
		this.text = this.synced = printOwm(this.target.map);
		return { text: this.text, lineMap: merge3(lines(old), lines(old), lines(this.text)).aLineMap };
	}

	/** Focus left the text: with no edit waiting, show the canonical print of the map. */
	settle(): TextChange | null {
		if (this.pending) return null;
		const printed = printOwm(this.target.map);
		if (printed === this.text) return null;
		const lineMap = merge3(lines(this.text), lines(this.text), lines(printed)).aLineMap;
		this.text = this.synced = printed;
		return { text: printed, lineMap };
	}
}
