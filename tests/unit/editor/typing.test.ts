// A field being typed into when its element is locked: the typed text comes back once, and the
// field shows what it held before; nothing comes back when nothing was changed or it is allowed.
import { describe, expect, it } from 'vitest';
import { elementRef } from '../../../src/lib/map/types.js';
import { Typing } from '../../../src/lib/editor/typing.js';

const ref = elementRef('components', 'c1');

describe('Typing', () => {
	it('hands back the text typed when the element is refused, and restores the field', () => {
		const t = new Typing();
		const el = { value: 'Payments' };
		t.focus(el);
		el.value = 'Payments hub';
		t.input(ref, 'name', el);
		expect(t.refused(() => null)).toBeNull();
		expect(t.refused(() => 'Locked by Sam (facilitator).')).toEqual({ draft: expect.objectContaining({ ref, field: 'name' }), text: 'Payments hub', why: 'Locked by Sam (facilitator).' });
		expect(el.value).toBe('Payments');
		expect(t.refused(() => 'Locked.')).toBeNull();
	});

	it('has nothing to hand back once committed, or when the text is unchanged', () => {
		const t = new Typing();
		const el = { value: 'A' };
		t.focus(el);
		el.value = 'AB';
		t.input(ref, 'name', el);
		t.done();
		expect(t.refused(() => 'Locked.')).toBeNull();
		t.focus(el);
		t.input(ref, 'name', el);
		expect(t.refused(() => 'Locked.')).toBeNull();
	});
});
