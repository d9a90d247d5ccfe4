// The import worker's message handling, run in Node with a stand-in for the worker's global scope:
// one request in, one answer out with the same id; a failure is an answer too, never silence.
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSnapshot, makeComponent } from '../../../../src/lib/catalogue/index.js';
import type { RegisterRequest, RegisterResponse } from '../../../../src/lib/contracts/register/protocol.js';
import type { ComponentId } from '../../../../src/lib/map/index.js';

const answers: RegisterResponse[] = [];
const scope = { onmessage: null as ((e: { data: RegisterRequest }) => void) | null, postMessage: (a: RegisterResponse) => answers.push(a) };
const had = 'self' in globalThis;
const previous = (globalThis as { self?: unknown }).self;
(globalThis as { self?: unknown }).self = scope;
await import('../../../../src/lib/contracts/register/worker.js');
afterAll(() => {
	if (had) (globalThis as { self?: unknown }).self = previous;
	else delete (globalThis as { self?: unknown }).self;
});

const snapshot = buildSnapshot({}, { components: [makeComponent({ id: 'r' as ComponentId, name: 'Revenues and benefits', supplier: 'Capita', product: 'One Revenues & Benefits' }, 1)] });

describe('register import worker', () => {
	it('answers a request with its id, the proposals and the bad rows', () => {
		const text = readFileSync('tests/fixtures/contracts/northbury-register.csv', 'utf8');
		scope.onmessage!({ data: { id: 7, text, snapshot } });
		const answer = answers.pop()!;
		expect(answer.id).toBe(7);
		expect('result' in answer && answer.result.proposals.length + answer.result.bad.length).toBe(30);
		expect('result' in answer && answer.result.proposals[0].componentId).toBe('r');
	});

	it('uses the mapping sent with the request', () => {
		const text = 'Firm,Ends\nCapita,31/03/2027\n';
		scope.onmessage!({ data: { id: 8, text, snapshot, mapping: { supplier: 0, end: 1 } } });
		const answer = answers.pop()!;
		expect('result' in answer && answer.result.proposals.map((p) => [p.row.supplier, p.row.end])).toEqual([['Capita', '2027-03-31']]);
	});

	it('answers a failure as an error', () => {
		scope.onmessage!({ data: { id: 9, text: 'Supplier,Title\nA,B\n', snapshot: null as never } });
		expect(answers.pop()).toMatchObject({ id: 9, error: expect.any(String) });
	});
});
