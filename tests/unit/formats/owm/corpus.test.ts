// The shared OWM corpus (MIT, copied with its LICENSE into tests/fixtures/owm-*): every map
// imports without errors, and the golden master agrees with OWM's own parse of it.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Component, MapSnapshot } from '../../../../src/lib/map/index.js';
import { parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';
import { canon, printedOrder } from './helpers.js';

const EXAMPLES = 'tests/fixtures/owm-examples';
const GOLDEN = 'tests/fixtures/owm-golden';
const read = (path: string) => readFileSync(path, 'utf8');
const files = readdirSync(EXAMPLES).filter((f) => f.endsWith('.wm'));

describe('corpus', () => {
	it('has the 14 examples and both LICENSE files', () => {
		expect(files).toHaveLength(14);
		expect(read(`${EXAMPLES}/LICENSE`)).toContain('MIT');
		expect(read(`${GOLDEN}/LICENSE`)).toContain('MIT');
	});

	it.each([...files.map((f) => `${EXAMPLES}/${f}`), `${GOLDEN}/golden-master.owm`])('%s imports with zero errors and round-trips', (path) => {
		const first = parseOwm(read(path));
		expect(first.errors).toEqual([]);
		const again = parseOwm(printOwm(first.map));
		expect(again.errors).toEqual([]);
		expect(canon(again.map)).toEqual(canon(printedOrder(first.map)));
	});
});

// ---- golden master ------------------------------------------------------------------------

interface OwmPoint {
	visibility: number;
	maturity: number;
}
interface OwmElement extends OwmPoint {
	name: string;
	label: { x: number; y: number };
	inertia: boolean;
	decorators: Record<string, boolean>;
	url?: string;
}
const owm = JSON.parse(read(`${GOLDEN}/golden-master.owm-parse.json`));
const map: MapSnapshot = parseOwm(read(`${GOLDEN}/golden-master.owm`)).map;
const topLevel = map.components.filter((c) => c.pipelineId === null);

/**
 * Deliberate differences from OWM, where OWM's output is a bug (see corpus README):
 * a decorator after a name with no coordinates stays in OWM's name; the user means the decorator.
 * The README's other two cases (links starting with a keyword such as `building->land`, which OWM
 * drops, and `inertia` inside a name, which OWM turns into the inertia flag) do not occur in the
 * golden master; keywords.test.ts pins our behaviour for them (rows marked b.5.1 and b.5.2).
 */
const INTENDED_NAME: Record<string, string> = {
	'EcoSystemNoCoords (ecosystem)': 'EcoSystemNoCoords',
	'MarketNoCoords (market)': 'MarketNoCoords'
};

function byName(name: string): Component {
	const c = map.components.find((x) => x.name === (INTENDED_NAME[name] ?? name));
	if (!c) throw new Error(`no component ${name}`);
	return c;
}

describe('golden master agrees with OWM', () => {
	it('title, style, evolution labels, annotations box', () => {
		expect(map.title).toBe(owm.title);
		expect(map.style).toBe(owm.presentation.style);
		expect(map.evolutionLabels).toEqual(owm.evolution.map((e: { line1: string }) => e.line1));
		expect(map.annotationsAt).toEqual({ visibility: owm.presentation.annotations.visibility, evolution: owm.presentation.annotations.maturity });
		expect(map.hideEvolution).toBe(!owm.showEvolutionAxis);
		expect(map.hideValueChain).toBe(!owm.showValueChainAxis);
	});

	it('every component: name, coordinates, decorators, inertia (and labels written in the text)', () => {
		const all: (OwmElement & { kind: string })[] = [
			...owm.components.map((c: OwmElement) => ({ ...c, kind: 'component' })),
			...owm.anchors.map((c: OwmElement) => ({ ...c, kind: 'anchor' })),
			...owm.submaps.map((c: OwmElement) => ({ ...c, kind: 'submap' }))
		];
		expect(topLevel).toHaveLength(all.length);
		for (const o of all) {
			const c = byName(o.name);
			expect(c.kind, o.name).toBe(o.kind);
			expect([c.visibility, c.evolution], o.name).toEqual([o.visibility, o.maturity]);
			expect(c.decorators, o.name).toEqual({ build: o.decorators.build, buy: o.decorators.buy, outsource: o.decorators.outsource, market: o.decorators.market, ecosystem: o.decorators.ecosystem });
			expect(c.inertia, o.name).toBe(o.inertia);
			// OWM fills in a default label offset; ours stays null unless the text gives one.
			if (c.label) expect(c.label, o.name).toEqual(o.label);
		}
		const website = byName('Website');
		const url = owm.urls.find((u: { name: string }) => u.name === owm.submaps[0].url);
		expect([website.submapRef, website.submapUrl]).toEqual([owm.submaps[0].url, url.url]);
	});

	it('every pipeline: parent, visibility, span and children', () => {
		expect(map.pipelines).toHaveLength(owm.pipelines.length);
		for (const o of owm.pipelines) {
			const parent = byName(o.name);
			const p = map.pipelines.find((x) => x.componentId === parent.id)!;
			expect(parent.visibility).toBe(o.visibility);
			const children = map.components.filter((c) => c.pipelineId === p.id);
			expect(children.map((c) => [c.name, c.evolution, c.label])).toEqual(o.components.map((k: OwmElement) => [k.name, k.maturity, k.label]));
			for (const c of children) expect(c.visibility).toBe(parent.visibility);
			// With children the box spans them (OWM overwrites maturity1/2); the written [0.1, 0.1] is kept as typed.
			const span = children.length ? [Math.min(...children.map((c) => c.evolution)), Math.max(...children.map((c) => c.evolution))] : [p.start, p.end];
			expect(span).toEqual([o.maturity1, o.maturity2]);
		}
	});

	it('every evolve, link, note, annotation, PST area and accelerator', () => {
		expect(map.evolves.map((e) => [map.components.find((c) => c.id === e.componentId)!.name, e.evolution, e.label, e.name])).toEqual(
			owm.evolved.map((e: OwmElement & { override: string }) => [e.name, e.maturity, e.label, e.override])
		);
		const nameOf = (id: string) => map.components.find((c) => c.id === id)!.name;
		expect(map.links.map((l) => [nameOf(l.from), nameOf(l.to), l.flow !== null, l.context])).toEqual(
			owm.links.map((l: { start: string; end: string; flow: boolean; context: string }) => [l.start, l.end, l.flow, l.context])
		);
		expect(map.notes.map((n) => [n.text, n.visibility, n.evolution])).toEqual(owm.notes.map((n: OwmElement & { text: string }) => [n.text, n.visibility, n.maturity]));
		expect(map.annotations.map((a) => [a.number, a.text, a.positions])).toEqual(
			owm.annotations.map((a: { number: number; text: string; occurances: OwmPoint[] }) => [a.number, a.text, a.occurances.map((p) => ({ evolution: p.maturity, visibility: p.visibility }))])
		);
		expect(map.areas.map((a) => [a.kind, a.from, a.to])).toEqual(
			owm.attitudes.map((a: OwmPoint & { attitude: string; maturity2: number; visibility2: number }) => [
				a.attitude,
				{ evolution: a.maturity, visibility: a.visibility },
				{ evolution: a.maturity2, visibility: a.visibility2 }
			])
		);
		expect(map.accelerators.map((a) => [a.name, a.kind === 'deaccelerator', a.visibility, a.evolution])).toEqual(
			owm.accelerators.map((a: OwmElement & { deaccelerator: boolean }) => [a.name, a.deaccelerator, a.visibility, a.maturity])
		);
	});
});
