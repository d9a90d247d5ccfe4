// Reconcile for the free-standing elements (notes, annotations, PST areas, accelerators): they
// reference nothing, so they match on their own text/number/kind, then on place, then on index.
// Their comment lines follow the text (absent ones clear them).
import type * as Y from 'yjs';
import {
	addAccelerator,
	addAnnotation,
	addArea,
	addNote,
	updateAccelerator,
	updateAnnotation,
	updateArea,
	updateNote,
	type ElementRef,
	type MapSnapshot
} from '../../map/index.js';
import { matchItems, patchWithComments as patchOf } from './match.js';
import { normalizeName } from './text.js';

const at = (p: { evolution: number; visibility: number }) => `${p.evolution}\u0000${p.visibility}`;
const index = (_: unknown, k: number) => String(k);

/** Plan the changes; `doomed` must be deleted first, then `apply()` writes the rest. */
export function reconcileLoose(doc: Y.Doc, cur: MapSnapshot, next: MapSnapshot, origin: unknown): { doomed: ElementRef[]; apply: () => void } {
	const notes = matchItems(cur.notes, next.notes, [
		[(n) => n.text, (n) => n.text],
		[at, at],
		[index, index]
	]);
	const annotations = matchItems(cur.annotations, next.annotations, [
		[(a) => `${a.number}\u0000${a.text}`, (a) => `${a.number}\u0000${a.text}`],
		[(a) => String(a.number), (a) => String(a.number)],
		[index, index]
	]);
	const areaKey = (a: MapSnapshot['areas'][number]) => `${a.kind}\u0000${at(a.from)}\u0000${at(a.to)}`;
	const areas = matchItems(cur.areas, next.areas, [
		[areaKey, areaKey],
		[(a) => a.kind, (a) => a.kind],
		[index, index]
	]);
	const accName = (a: MapSnapshot['accelerators'][number]) => `${a.kind}\u0000${normalizeName(a.name)}`;
	const accPlace = (a: MapSnapshot['accelerators'][number]) => `${a.kind}\u0000${at(a)}`;
	const accelerators = matchItems(cur.accelerators, next.accelerators, [
		[accName, accName],
		[accPlace, accPlace],
		[index, index]
	]);
	const doomed: ElementRef[] = [
		...notes.removed.map((n) => ({ collection: 'notes' as const, id: n.id })),
		...annotations.removed.map((a) => ({ collection: 'annotations' as const, id: a.id })),
		...areas.removed.map((a) => ({ collection: 'areas' as const, id: a.id })),
		...accelerators.removed.map((a) => ({ collection: 'accelerators' as const, id: a.id }))
	];
	const apply = () => {
		for (const [n, c] of notes.pairs) {
			const patch = patchOf(c, n, ['text', 'evolution', 'visibility'] as const);
			if (patch) updateNote(doc, c.id, patch, origin);
		}
		for (const n of notes.added) addNote(doc, { text: n.text, evolution: n.evolution, visibility: n.visibility, comments: n.comments }, origin);
		for (const [a, c] of annotations.pairs) {
			const patch = patchOf(c, a, ['number', 'text', 'positions'] as const);
			if (patch) updateAnnotation(doc, c.id, patch, origin);
		}
		for (const a of annotations.added) {
			if (a.positions.length > 0) addAnnotation(doc, { number: a.number, text: a.text, positions: a.positions, comments: a.comments }, origin);
		}
		for (const [a, c] of areas.pairs) {
			const patch = patchOf(c, a, ['kind', 'from', 'to'] as const);
			if (patch) updateArea(doc, c.id, patch, origin);
		}
		for (const a of areas.added) addArea(doc, { kind: a.kind, from: a.from, to: a.to, comments: a.comments }, origin);
		for (const [a, c] of accelerators.pairs) {
			const patch = patchOf(c, a, ['kind', 'name', 'evolution', 'visibility'] as const);
			if (patch) updateAccelerator(doc, c.id, patch, origin);
		}
		for (const a of accelerators.added) {
			addAccelerator(doc, { kind: a.kind, name: a.name, evolution: a.evolution, visibility: a.visibility, comments: a.comments }, origin);
		}
	};
	return { doomed, apply };
}
