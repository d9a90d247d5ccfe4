// Legibility of a drawn scene, counted from its label boxes: labels over labels, labels over marks,
// labels outside the canvas, words cut mid-word, labels crossed by links. Shared by the render
// tests and bench/legibility.bench.ts, which use the same definitions.
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { SEED_COUNCILS, seedCouncilMaps } from '../../src/lib/catalogue/seed.js';
import { parseOwm } from '../../src/lib/formats/owm/index.js';
import type { MapSnapshot } from '../../src/lib/map/index.js';
import { segmentInRect } from '../../src/lib/render/label-grid.js';
import { cleanText, type Box, type Scene } from '../../src/lib/render/index.js';

export interface Legibility {
	/** Pairs of component labels whose boxes overlap. */
	readonly labelLabel: number;
	/** (label, component mark) pairs where the mark's circle reaches into the label's box. */
	readonly labelMark: number;
	/** Labels whose box goes past an edge of the canvas (clipped). */
	readonly outside: number;
	/** Line breaks inside a word (a hyphenated long word, or a word cut). */
	readonly midWord: number;
	/** (label, link) pairs where the link's line passes through the label's box. */
	readonly linkCrossings: number;
}

/** Boxes closer than this (px) do not count as overlapping. */
const EPSILON = 0.5;

const overlap = (a: Box, b: Box) =>
	a.x < b.x + b.width - EPSILON && b.x < a.x + a.width - EPSILON && a.y < b.y + b.height - EPSILON && b.y < a.y + a.height - EPSILON;

function circleIn(x: number, y: number, r: number, b: Box): boolean {
	const dx = x - Math.max(b.x, Math.min(x, b.x + b.width));
	const dy = y - Math.max(b.y, Math.min(y, b.y + b.height));
	return r > EPSILON && dx * dx + dy * dy < (r - EPSILON) ** 2;
}

const wordChar = /[\p{L}\p{N}]/u;

/** Line breaks of `lines` that fall inside a word of `name` (a hyphen the name does not have, or two letters the name joins). */
export function midWordBreaks(name: string, lines: readonly string[]): number {
	const text = cleanText(name).replace(/\\n/g, '\n');
	let n = 0;
	for (let i = 0; i + 1 < lines.length; i++) {
		const a = lines[i];
		const b = lines[i + 1];
		const tail = a.slice(-4);
		const head = b.slice(0, 4);
		if (a.endsWith('-') && !text.includes(tail + head) && text.includes(tail.slice(0, -1) + head)) n++;
		else if (wordChar.test(a.slice(-1)) && wordChar.test(b.charAt(0)) && text.includes(tail + head)) n++;
	}
	return n;
}

/** Count what makes the scene's component labels hard to read. */
export function legibility(scene: Scene): Legibility {
	const labelled = scene.components.filter((k) => k.label.lines.length > 0);
	const boxes = labelled.map((k) => k.label.bounds);
	let labelLabel = 0;
	// Sort by left edge and sweep: fine for a thousand labels.
	const order = boxes.map((_, i) => i).sort((a, b) => boxes[a].x - boxes[b].x);
	for (let i = 0; i < order.length; i++) {
		const a = boxes[order[i]];
		for (let j = i + 1; j < order.length; j++) {
			const b = boxes[order[j]];
			if (b.x >= a.x + a.width) break;
			if (overlap(a, b)) labelLabel++;
		}
	}
	let labelMark = 0;
	let linkCrossings = 0;
	for (const b of boxes) {
		for (const k of scene.components) if (k.kind !== 'anchor' && circleIn(k.x, k.y, k.outer, b)) labelMark++;
		const rect = { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
		for (const l of scene.links) if (segmentInRect(l.x1, l.y1, l.x2, l.y2, rect)) linkCrossings++;
	}
	const outside = boxes.filter((b) => b.x < 0 || b.y < 0 || b.x + b.width > scene.width || b.y + b.height > scene.height).length;
	let midWord = 0;
	for (const k of labelled) midWord += midWordBreaks(nameOf(scene, k.key) ?? k.label.lines.join(' '), k.label.lines);
	return { labelLabel, labelMark, outside, midWord, linkCrossings };
}

/** The names behind the scene's labels, set by `withNames` (the scene itself keeps only the wrapped lines). */
const names = new WeakMap<Scene, Map<string, string>>();

/** Remember the names a scene's labels were wrapped from (key → name), for counting mid-word breaks. */
export function withNames(scene: Scene, map: { components: readonly { id: string; name: string }[]; evolves: readonly { id: string; name: string; componentId: string }[] }): Scene {
	const byKey = new Map<string, string>();
	const nameOfComponent = new Map(map.components.map((c) => [c.id, c.name]));
	for (const c of map.components) byKey.set(`components/${c.id}`, c.name);
	for (const e of map.evolves) byKey.set(`evolves/${e.id}`, e.name || nameOfComponent.get(e.componentId) || '');
	names.set(scene, byKey);
	return scene;
}

function nameOf(scene: Scene, key: string): string | undefined {
	return names.get(scene)?.get(key);
}

/** The maps legibility is judged on: the five seeded councils and the OWM corpus (examples and golden master). */
export function legibilityMaps(): { name: string; map: MapSnapshot }[] {
	const seeded = seedCouncilMaps(SEED_COUNCILS).map(({ council, map }) => ({ name: council.name, map }));
	const dir = 'tests/fixtures/owm-examples';
	const corpus = [
		...readdirSync(dir).filter((f) => f.endsWith('.wm')).sort().map((f) => join(dir, f)),
		'tests/fixtures/owm-golden/golden-master.owm'
	].map((path) => ({ name: basename(path), map: parseOwm(readFileSync(path, 'utf8')).map }));
	return [...seeded, ...corpus];
}
