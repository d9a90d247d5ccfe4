// Named test maps for the renderer, built with the model's own commands: `everyElement` (the
// owm-format.md b.4 example, every element kind) and `generated(n, m)` (a large seeded map).
import * as Y from 'yjs';
import {
	addAccelerator, addAnnotation, addArea, addComponent, addEvolve, addLink, addNote, addPipeline,
	initMap, readSnapshot, setMeta,
	type Component, type ComponentId, type Link, type LinkId, type MapSnapshot
} from '../../../src/lib/map/index.js';
import { seeded } from '../../helpers/seeded.js';

export { seeded };

/** A fresh document with `build` applied, read back as a snapshot. */
export function mapOf(build: (doc: Y.Doc) => void, title = 'Test map'): MapSnapshot {
	const doc = new Y.Doc();
	initMap(doc, { title });
	build(doc);
	return readSnapshot(doc);
}

/** The "Council Revenues & Benefits" example of owm-format.md b.4: one of every element kind. */
export function everyElement(): MapSnapshot {
	return mapOf((doc) => {
		setMeta(doc, { size: { width: 1100, height: 700 }, evolutionLabels: ['Genesis', 'Custom', 'Product', 'Commodity'] });
		const resident = addComponent(doc, { name: 'Resident', kind: 'anchor', visibility: 0.96, evolution: 0.55 });
		const officer = addComponent(doc, { name: 'Council Officer', kind: 'anchor', visibility: 0.96, evolution: 0.75 });
		const pay = addComponent(doc, { name: 'Pay Council Tax Online', visibility: 0.86, evolution: 0.62, label: { x: 10, y: -8 } });
		const revs = addComponent(doc, { name: 'Revenues &\nBenefits System', visibility: 0.62, evolution: 0.55, inertia: true, decorators: { buy: true } });
		const idv = addComponent(doc, { name: 'Identity Verification', visibility: 0.55, evolution: 0.35, decorators: { outsource: true } });
		const gateway = addComponent(doc, { name: 'Payment Gateway', visibility: 0.52, evolution: 0.78, decorators: { market: true, buy: true } });
		const data = addComponent(doc, { name: 'Data Platform', visibility: 0.4, evolution: 0.3, decorators: { build: true }, label: { x: -80, y: 4 } });
		const hosting = addComponent(doc, { name: 'Hosting', visibility: 0.15, evolution: 0.62 });
		addComponent(doc, { name: 'Shared Services', visibility: 0.3, evolution: 0.5, decorators: { ecosystem: true } });
		const cloud = addEvolve(doc, { componentId: hosting, evolution: 0.88, name: 'Public Cloud', label: { x: 8, y: -12 } });
		addEvolve(doc, { componentId: revs, evolution: 0.72, decorators: { buy: true } });
		const cases = addComponent(doc, { name: 'Case Management', visibility: 0.7, evolution: 0.45 });
		const pipeline = addPipeline(doc, { componentId: cases });
		addComponent(doc, { name: 'In-house CRM', evolution: 0.3, pipelineId: pipeline, label: { x: -40, y: 20 } });
		addComponent(doc, { name: 'SaaS CRM', evolution: 0.62, pipelineId: pipeline });
		addLink(doc, { from: resident, to: pay });
		addLink(doc, { from: officer, to: revs });
		addLink(doc, { from: pay, to: gateway });
		addLink(doc, { from: pay, to: revs, flow: 'forward', flowLabel: '£' });
		addLink(doc, { from: revs, to: data, context: 'limited by' });
		addLink(doc, { from: data, to: hosting });
		addLink(doc, { from: idv, to: data, flow: 'both' });
		addLink(doc, { from: revs, to: cloud });
		addNote(doc, { text: '+shared across 3 councils', visibility: 0.3, evolution: 0.8 });
		addAnnotation(doc, { number: 1, text: 'Legacy contract ends 2027', positions: [{ visibility: 0.62, evolution: 0.5 }, { visibility: 0.4, evolution: 0.25 }] });
		setMeta(doc, { annotationsAt: { visibility: 0.08, evolution: 0.02 } });
		addArea(doc, { kind: 'pioneers', from: { visibility: 0.45, evolution: 0.22 }, to: { visibility: 0.32, evolution: 0.38 } });
		addArea(doc, { kind: 'townplanners', from: { visibility: 0.2, evolution: 0.55 }, to: { visibility: 0.08, evolution: 0.95 } });
		addComponent(doc, { name: 'Data Platform Detail', kind: 'submap', visibility: 0.36, evolution: 0.2, submapRef: 'dpMap', submapUrl: 'https://example.org/maps/data-platform' });
		addAccelerator(doc, { kind: 'accelerator', name: 'Open Standards', visibility: 0.25, evolution: 0.6 });
		addAccelerator(doc, { kind: 'deaccelerator', name: 'Procurement Cycle', visibility: 0.58, evolution: 0.5 });
	}, 'Council Revenues & Benefits');
}


/** A large map of `components` components and `links` links, built directly as a snapshot (fast). */
export function generated(components: number, links: number, seed = 1): MapSnapshot {
	const random = seeded(seed);
	const base = everyElement();
	const none = { build: false, buy: false, outsource: false, market: false, ecosystem: false };
	const list: Component[] = [];
	for (let i = 0; i < components; i++) {
		list.push({
			...base.components[3],
			id: `c${i}` as ComponentId,
			kind: i % 50 === 0 ? 'anchor' : 'component',
			name: `Component ${i}${i % 7 === 0 ? ' with a rather long name that wraps' : ''}`,
			evolution: random(),
			visibility: random(),
			label: null,
			inertia: i % 13 === 0,
			decorators: { ...none, build: i % 11 === 0, buy: i % 17 === 0, market: i % 19 === 0 },
			pipelineId: null,
			order: i + 1
		});
	}
	const linkList: Link[] = [];
	for (let i = 0; i < links; i++) {
		const from = Math.floor(random() * components);
		let to = Math.floor(random() * components);
		if (to === from) to = (to + 1) % components;
		linkList.push({
			id: `l${i}` as LinkId,
			from: list[from].id,
			to: list[to].id,
			context: i % 10 === 0 ? 'limited by' : '',
			flow: i % 9 === 0 ? 'forward' : null,
			flowLabel: '',
			order: i + 1
		});
	}
	return { ...base, title: 'Generated', components: list, links: linkList, evolves: [], pipelines: [] };
}
