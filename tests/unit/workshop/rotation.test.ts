// The warning before a link is replaced names how many it disconnects.
import { describe, expect, it } from 'vitest';
import { rotationWarning } from '../../../src/lib/workshop/rotation.js';

describe('rotationWarning', () => {
	it.each([
		['Edit link', 3, false, /^3 people are connected with the current edit link: they are disconnected at once\. The old link stops working/],
		['Edit link', 1, false, /^1 person is connected with the current edit link/],
		['View link', 0, false, /^No one is connected with the current view link now\./],
		['Edit link', null, false, /^Everyone using the current edit link is disconnected\./],
		['Facilitator link', 1, true, /^No one else is connected with the current facilitator link now\..*this page moves/],
		['Facilitator link', 3, true, /^2 people are connected with the current facilitator link besides you/]
	])('%s, %s connected, own %s', (label, connected, own, expected) => {
		expect(rotationWarning(label, connected, own)).toMatch(expected);
	});
});
