// Applying a tidy proposal through the controller: one transaction (peers get one update), one undo step.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { initMap } from '../../../src/lib/map/index.js';
import { EditorController } from '../../../src/lib/editor/controller.js';

describe('EditorController.applyTidy', () => {
	it('moves only visibility, in one update and one undo step', () => {
		const doc = new Y.Doc();
		initMap(doc, { title: 'Tidy' });
		const ed = new EditorController(doc);
		const user = ed.addComponentAt({ evolution: 0.5, visibility: 0.1 }, { name: 'User', kind: 'anchor' });
		const a = ed.addComponentAt({ evolution: 0.3, visibility: 0.9 }, { name: 'A' });
		const b = ed.addComponentAt({ evolution: 0.7, visibility: 0.95 }, { name: 'B' });
		ed.link(user, a);
		ed.link(a, b);
		const before = ed.map.components.map((c) => [c.evolution, c.visibility]);
		const proposal = ed.tidyProposal();
		expect(proposal.moves.length).toBe(3);
		let updates = 0;
		doc.on('update', () => updates++);
		ed.applyTidy(proposal);
		expect(updates).toBe(1);
		const [u, x, y] = ed.map.components;
		expect(u.visibility).toBeGreaterThan(x.visibility);
		expect(x.visibility).toBeGreaterThan(y.visibility);
		expect(ed.map.components.map((c) => c.evolution)).toEqual(before.map(([e]) => e));
		ed.undo.undo();
		expect(ed.map.components.map((c) => [c.evolution, c.visibility])).toEqual(before);
		expect(ed.tidyProposal().moves.length).toBe(3);
	});
});
