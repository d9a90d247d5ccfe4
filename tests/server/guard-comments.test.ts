// Comments kept in the map (element `comments`, meta `header` and `footer`) pass the update guard
// like any other text field: a client's write of them is an edit of that element or setting,
// under the same bounds (value nesting, the document's byte limit) as every field.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readSnapshot, setMeta, updateComponent } from '../../src/lib/map/index.js';
import { classifyUpdate } from '../../server/collab/guard.js';
import { serverAndClient, updateOf } from '../helpers/guard-docs.js';
import { sizeRefusal } from '../../server/collab/size.js';

const pair = () => serverAndClient('Comments');

describe('the update guard and comments', () => {
	it('takes an element’s comments and the map’s header and footer as edits', () => {
		const { server, client, id } = pair();
		const update = updateOf(client, () => {
			updateComponent(client, id, { comments: '// contract ends 2027' });
			setMeta(client, { header: '/* Licence: CC BY-SA 4.0 */', footer: '// end' });
		});
		const c = classifyUpdate(server, update);
		expect(c.outsideSchema).toBe(false);
		expect([...c.meta].sort()).toEqual(['footer', 'header']);
		const change = c.elements.get(`components/${id}`)!;
		expect([...change.kinds, ...change.fields]).toEqual(['edit', 'comments']);
		Y.applyUpdate(server, update);
		expect(readSnapshot(server).header).toBe('/* Licence: CC BY-SA 4.0 */');
		expect(readSnapshot(server).components[0].comments).toBe('// contract ends 2027');
	});

	it('refuses comments that would take the map past its byte limit, as any text', () => {
		const { server, client, id } = pair();
		const size = Y.encodeStateAsUpdate(server).byteLength;
		const limits = { maxComponents: 100, maxDocBytes: size + 500 };
		const small = updateOf(client, () => updateComponent(client, id, { comments: '// short' }));
		expect(sizeRefusal(server, small, classifyUpdate(server, small), limits)).toBeNull();
		const big = updateOf(client, () => setMeta(client, { header: '// ' + 'x'.repeat(2000) }));
		expect(sizeRefusal(server, big, classifyUpdate(server, big), limits)).toMatch(/size limit/);
	});
});
