// Typed text that a refusal would lose: the page keeps what was written until the server confirms
// it, hands it back on a refusal, and shows the same text for the same field once.
import { describe, expect, it } from 'vitest';
import { UnconfirmedTexts, addUnsaved, reasonOnly } from '../../../src/lib/workshop/unsaved.js';

describe('UnconfirmedTexts', () => {
	it('hands back the latest text per field on a refusal, once', () => {
		const t = new UnconfirmedTexts();
		t.wrote({ what: 'the name of “Payments”', text: 'Pay' });
		t.wrote({ what: 'the name of “Payments”', text: 'Payments hub' });
		t.wrote({ what: 'the notes of “Payments”', text: 'ask Sam' });
		expect(t.refused('Locked.')).toEqual([
			{ what: 'the name of “Payments”', text: 'Payments hub', why: 'Locked.' },
			{ what: 'the notes of “Payments”', text: 'ask Sam', why: 'Locked.' }
		]);
		expect(t.refused('Locked.')).toEqual([]);
	});

	it('forgets what the server confirmed', () => {
		const t = new UnconfirmedTexts();
		t.wrote({ what: 'the name of “A”', text: 'B' });
		t.saved();
		expect(t.refused('Locked.')).toEqual([]);
	});
});

describe('addUnsaved', () => {
	it('adds new text and not the same text for the same field twice', () => {
		const a = { what: 'the name of “A”', why: 'Locked.', text: 'B' };
		const once = addUnsaved([], a);
		expect(addUnsaved(once, { ...a })).toEqual([a]);
		expect(addUnsaved(once, { ...a, text: 'C' })).toHaveLength(2);
	});
});

describe('reasonOnly', () => {
	it.each([
		['“Payments” is locked by the facilitator: your change was not saved.', '“Payments” is locked by the facilitator.'],
		['This is a view-only link: your changes are not saved.', 'This is a view-only link.'],
		['Locked by Sam (facilitator).', 'Locked by Sam (facilitator).']
	])('%s', (why, reason) => expect(reasonOnly(why)).toBe(reason));
});
