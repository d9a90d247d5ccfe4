// What a person is typing into a panel field (inspector, table) and has not committed yet. When the
// element stops being theirs to change mid-word (a lock arrives), the text is handed back to them
// in a notice instead of vanishing with the field. Framework-free.
import type { ElementRef } from '../map/index.js';

/** A text field being typed into: `value` is what it shows. */
export interface TextField {
	value: string;
}

export interface Draft {
	readonly ref: ElementRef;
	/** The field as a person names it ("name", "supplier"). */
	readonly field: string;
	readonly el: TextField;
	/** What the field held when typing began. */
	readonly original: string;
}

export class Typing {
	private focused: { el: TextField; original: string } | null = null;
	private draft: Draft | null = null;

	/** A field got focus: remember what it held. */
	focus(el: TextField): void {
		this.focused = { el, original: el.value };
		this.draft = null;
	}

	/** The person typed into `el`, the `field` of `ref`. */
	input(ref: ElementRef, field: string, el: TextField): void {
		const original = this.focused?.el === el ? this.focused.original : el.value;
		this.draft = { ref, field, el, original };
	}

	/** The field was committed (or left): nothing is pending. */
	done(): void {
		this.draft = null;
		this.focused = null;
	}

	/**
	 * The pending draft when `why(ref)` now refuses it, its field put back to what it held, and
	 * forgotten (handed out once); null when nothing changed is pending or it is still allowed.
	 */
	refused(why: (ref: ElementRef) => string | null): { draft: Draft; text: string; why: string } | null {
		const d = this.draft;
		if (!d || d.el.value === d.original) return null;
		const no = why(d.ref);
		if (!no) return null;
		const text = d.el.value;
		d.el.value = d.original;
		this.done();
		return { draft: d, text, why: no };
	}
}
