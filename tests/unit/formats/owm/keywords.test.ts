// Table-driven tests: one row per OWM keyword and per quirk of owm-format.md b.5.
import { describe, expect, it } from 'vitest';
import { emptySnapshot, type MapSnapshot } from '../../../../src/lib/map/index.js';
import { parseOwm, printOwm } from '../../../../src/lib/formats/owm/index.js';

const NONE = { build: false, buy: false, outsource: false, market: false, ecosystem: false };
const parse = (text: string) => parseOwm(text);
const comp = (m: MapSnapshot, name: string) => {
	const c = m.components.find((x) => x.name === name);
	if (!c) throw new Error(`no component "${name}" in ${JSON.stringify(m.components.map((x) => x.name))}`);
	return c;
};
const nameOf = (m: MapSnapshot, id: string) => m.components.find((c) => c.id === id)?.name ?? m.evolves.find((e) => e.id === id)?.name;

describe('components, anchors and submaps', () => {
	it.each([
		['component Kettle [0.43, 0.35]', 'Kettle', 0.35, 0.43],
		['component Kettle [.43, .35]', 'Kettle', 0.35, 0.43],
		['component Foo', 'Foo', 0.1, 0.9],
		['component Foo []', 'Foo', 0.1, 0.9],
		['component Off the Map [1.4, -0.2]', 'Off the Map', -0.2, 1.4],
		['  component Indented [0.5, 0.6]', 'Indented', 0.6, 0.5],
		['component Tiny [1e-3, 2E-2]', 'Tiny', 0.02, 0.001]
	])('%s', (text, name, evolution, visibility) => {
		const { map, errors } = parse(text);
		expect(errors).toEqual([]);
		expect(comp(map, name)).toMatchObject({ kind: 'component', evolution, visibility, label: null, inertia: false, decorators: NONE });
	});

	it.each([
		['component K [0.4, 0.3] label [-57, 4]', { x: -57, y: 4 }],
		['component K [0.4, 0.3] label [-982, 202]', { x: -982, y: 202 }],
		['component K [0.4, 0.3] label [-13.00, 35.00]', { x: -13, y: 35 }]
	])('label offsets survive: %s', (text, label) => {
		const { map } = parse(text);
		expect(comp(map, 'K').label).toEqual(label);
		expect(printOwm(map)).toContain(`label [${label.x}, ${label.y}]`);
		expect(parse(printOwm(map)).map.components[0].label).toEqual(label);
	});

	it.each([
		['component A [0.3, 0.6] (market, buy)', { ...NONE, market: true, buy: true }, false],
		['component A [0.3, 0.6] (build)', { ...NONE, build: true }, false],
		['component A [0.3, 0.6] label [37, -23] (outsource)', { ...NONE, outsource: true }, false],
		['component A [0.3, 0.6] inertia', NONE, true],
		['component A [0.3, 0.6] (inertia) label [-74, -18]', NONE, true],
		['component A [0.3, 0.6] (buy) inertia', { ...NONE, buy: true }, true],
		['component A [0.3, 0.6] (buy) (inertia)', { ...NONE, buy: true }, true],
		['component A [0.3, 0.6] (ecosystem, inertia)', { ...NONE, ecosystem: true }, true],
		// b.5.2 / corpus README: a decorator after a coordinate-less name is a decorator, not part of the name (OWM keeps it in the name).
		['component A (ecosystem)', { ...NONE, ecosystem: true }, false],
		['component A inertia', NONE, true]
	])('decorators and inertia: %s', (text, decorators, inertia) => {
		const { map, errors } = parse(text);
		expect(errors).toEqual([]);
		expect(comp(map, 'A')).toMatchObject({ decorators, inertia });
	});

	it.each([
		// b.5.2: only exact decorator words inside (...) are decorators; names keep their parentheses.
		['component supranational (UN) [0.5, 0.5]', 'supranational (UN)'],
		['component resources (money etc) [0.5, 0.5]', 'resources (money etc)'],
		['component x (building works) [0.5, 0.5]', 'x (building works)'],
		// b.5.2: `inertia` inside a name is not the inertia flag (OWM's substring match is a bug).
		['component Reduce inertia now [0.5, 0.5]', 'Reduce inertia now'],
		['component Foo [bar] [0.5, 0.5]', 'Foo [bar]'],
		['component Shipping label [0.5, 0.5]', 'Shipping label']
	])('names that look like modifiers stay names: %s', (text, name) => {
		const { map, errors } = parse(text);
		expect(errors).toEqual([]);
		expect(comp(map, name)).toMatchObject({ decorators: NONE, inertia: false, evolution: 0.5 });
	});

	it('quoted multi-line names with \\n, \\" and \\\\', () => {
		const { map, errors } = parse('component "Revenues &\\nBenefits \\"RB\\" \\\\ system" [0.62, 0.55] (buy) inertia');
		expect(errors).toEqual([]);
		expect(map.components[0]).toMatchObject({ name: 'Revenues &\nBenefits "RB" \\ system', visibility: 0.62, evolution: 0.55, inertia: true });
	});

	it('anchor and submap + url', () => {
		const { map, errors, warnings } = parse('anchor Business [0.95, 0.63]\nsubmap Website [0.83, 0.50] url(websiteMap)\nurl websiteMap [https://onlinewardleymaps.com/#clone:qu4V]');
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(comp(map, 'Business').kind).toBe('anchor');
		expect(comp(map, 'Website')).toMatchObject({ kind: 'submap', submapRef: 'websiteMap', submapUrl: 'https://onlinewardleymaps.com/#clone:qu4V' });
	});

	it('inline `evolve m` on a component line becomes a separate evolve, with a warning (#227)', () => {
		const { map, warnings } = parse('component K [0.4, 0.3] evolve 0.8');
		expect(map.evolves).toMatchObject([{ evolution: 0.8, name: '' }]);
		expect(warnings[0]).toMatchObject({ line: 1 });
	});
});

describe('legacy component syntax (parsed meaningfully, with a warning)', () => {
	it.each([
		['market AppStore [0.32, 0.65] label [30, 0]', 'AppStore', 'market'],
		['ecosystem Partners [0.3, 0.6]', 'Partners', 'ecosystem']
	])('%s', (text, name, decorator) => {
		const { map, warnings, errors } = parse(text);
		expect(errors).toEqual([]);
		expect(comp(map, name)).toMatchObject({ kind: 'component', decorators: { ...NONE, [decorator]: true } });
		expect(warnings).toMatchObject([{ line: 1 }]);
		expect(printOwm(map)).toContain(`component ${name} [`);
	});

	it.each(['build', 'buy', 'outsource'] as const)('%s X on its own line sets the decorator of X (declared before or after)', (word) => {
		const { map, warnings } = parse(`${word} Kettle\ncomponent Kettle [0.4, 0.3]`);
		expect(comp(map, 'Kettle').decorators[word]).toBe(true);
		expect(warnings).toMatchObject([{ line: 1 }]);
	});

	it('y-axis labels become the value-chain labels, with a warning', () => {
		const { map, warnings } = parse('y-axis My Label->Min->Max');
		expect(map.valueChainLabels).toEqual({ axis: 'My Label', bottom: 'Min', top: 'Max' });
		expect(warnings).toMatchObject([{ line: 1 }]);
	});
});

describe('evolve', () => {
	const base = 'component Kettle [0.43, 0.35]\ncomponent Campfire Kettle [0.5, 0.2]\ncomponent Windows 10 [0.5, 0.5]\n';
	it.each([
		['evolve Kettle 0.62', 'Kettle', '', 0.62, null, NONE],
		['evolve Kettle 0.62 label [16, 5]', 'Kettle', '', 0.62, { x: 16, y: 5 }, NONE],
		['evolve Kettle->Electric Kettle 0.62', 'Kettle', 'Electric Kettle', 0.62, null, NONE],
		['evolve Campfire Kettle->Electric Kettle 0.62 (buy)', 'Campfire Kettle', 'Electric Kettle', 0.62, null, { ...NONE, buy: true }],
		['evolve "Campfire Kettle"->"Electric [Kettle]" 0.7', 'Campfire Kettle', 'Electric [Kettle]', 0.7, null, NONE],
		['evolve Windows 10 0.8', 'Windows 10', '', 0.8, null, NONE],
		['evolve kettle   0.9', 'Kettle', '', 0.9, null, NONE]
	])('%s', (line, source, name, evolution, label, decorators) => {
		const { map, errors } = parse(base + line);
		expect(errors).toEqual([]);
		expect(map.evolves).toHaveLength(1);
		const e = map.evolves[0];
		expect(e).toMatchObject({ componentId: comp(map, source).id, name, evolution, label, decorators });
	});

	it('a number that cannot be read gives OWM’s 0.85 with a warning', () => {
		const { map, warnings } = parse('component Kettle [0.4, 0.3]\nevolve Kettle');
		expect(map.evolves[0].evolution).toBe(0.85);
		expect(warnings).toMatchObject([{ line: 2 }]);
	});

	it('links to the evolved name resolve to the evolve (an EvolveId endpoint)', () => {
		const { map, errors } = parse(base + 'evolve Kettle->Electric Kettle 0.62\nanchor Shop [0.9, 0.5]\nShop->electric   kettle');
		expect(errors).toEqual([]);
		expect(map.links[0].to).toBe(map.evolves[0].id);
	});
});

describe('pipelines', () => {
	it.each([
		['brace on the next line', 'component Power [0.21, 0.67]\npipeline Power\n{\n  component Wind [0.72] label [-13, 35]\n  component Batteries [0.58]\n}'],
		['brace on the pipeline line (Mermaid style)', 'component Power [0.21, 0.67]\npipeline Power {\n  component Wind [0.72] label [-13, 35]\n  component Batteries [0.58]\n}'],
		['blank and comment lines before the brace', 'component Power [0.21, 0.67]\npipeline Power\n\n// children\n{\ncomponent Wind [0.72] label [-13, 35]\ncomponent Batteries [0.58]\n}'],
		['coordinates and a block', 'component Power [0.21, 0.67]\npipeline Power [0.1, 0.1]\n{\ncomponent Wind [0.72] label [-13, 35]\ncomponent Batteries [0.58]\n}']
	])('pipeline v2, %s', (_, text) => {
		const { map, errors } = parse(text);
		expect(errors).toEqual([]);
		const p = map.pipelines[0];
		expect(p.componentId).toBe(comp(map, 'Power').id);
		expect(comp(map, 'Wind')).toMatchObject({ pipelineId: p.id, evolution: 0.72, visibility: 0.21, label: { x: -13, y: 35 } });
		expect(comp(map, 'Batteries')).toMatchObject({ pipelineId: p.id, evolution: 0.58, visibility: 0.21 });
	});

	it('legacy pipeline X [a, b] and hidden pipeline X', () => {
		const { map, errors } = parse('component Kettle [0.4, 0.3]\ncomponent Customer [0.9, 0.5]\npipeline Kettle [0.15, 0.9]\npipeline Customer');
		expect(errors).toEqual([]);
		expect(map.pipelines.map((p) => [nameOf(map, p.componentId), p.start, p.end])).toEqual([
			['Kettle', 0.15, 0.9],
			['Customer', null, null]
		]);
	});

	it('evolve lines inside the block, and a child with [v, m] (warning, evolution used)', () => {
		const { map, warnings } = parse('component P [0.2, 0.6]\npipeline P\n{\ncomponent B [0.3, 0.58]\nevolve B 0.65\n}');
		expect(comp(map, 'B')).toMatchObject({ evolution: 0.58, visibility: 0.2 });
		expect(map.evolves[0].componentId).toBe(comp(map, 'B').id);
		expect(warnings).toMatchObject([{ line: 4 }]);
	});
});

describe('links and flows', () => {
	const base = 'component A [0.9, 0.5]\ncomponent B [0.5, 0.5]\n';
	it.each([
		['A->B', null, '', ''],
		['A -> B', null, '', ''],
		['A->B; limited by', null, 'limited by', ''],
		['A+>B', 'forward', '', ''],
		['A+<B', 'reverse', '', ''],
		['A+<>B', 'both', '', ''],
		["A+'£5'>B", 'forward', '', '£5'],
		["A+'+$0.10'<B", 'reverse', '', '+$0.10'],
		["A+'$0.55'<>B", 'both', '', '$0.55'],
		["A+'x'>B; feedback loop", 'forward', 'feedback loop', 'x'],
		['a  ->  b', null, '', ''],
		['"A"->"B"', null, '', '']
	])('%s', (line, flow, context, flowLabel) => {
		const { map, errors, warnings } = parse(base + line);
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(map.links).toHaveLength(1);
		expect(map.links[0]).toMatchObject({ from: comp(map, 'A').id, to: comp(map, 'B').id, flow, context, flowLabel });
	});

	it('b.5.1: a link whose first name starts with a keyword is kept, as current OWM keeps it', () => {
		const { map, warnings } = parse('component building [0.5, 0.5]\ncomponent land [0.2, 0.5]\nbuilding->land\nbuyer->land\ncomponent buyer [0.9, 0.5]');
		expect(map.links.map((l) => [nameOf(map, l.from), nameOf(map, l.to)])).toEqual([
			['building', 'land'],
			['buyer', 'land']
		]);
		expect(warnings).toEqual([]);
		expect(printOwm(map)).toContain('"building"->land');
	});

	it('`buy side->sell side` (a legacy keyword line naming no component) is read as a link', () => {
		const { map, warnings } = parse('component buy side [0.5, 0.5]\ncomponent sell side [0.2, 0.5]\nbuy side->sell side');
		expect(map.links).toHaveLength(1);
		expect(warnings).toEqual([]);
	});

	it('links to unknown components are dropped with a warning naming the line (OWM ignores them)', () => {
		const { map, warnings } = parse(base + 'A->Nowhere\nGhost->B');
		expect(map.links).toEqual([]);
		expect(map.components).toHaveLength(2);
		expect(warnings.map((w) => w.line)).toEqual([3, 4]);
	});
});

describe('notes, annotations, PST, accelerators', () => {
	it.each([
		['note +future development [0.9, 0.5]', '+future development', 0.9, 0.5],
		['note "multi\\nline" [0.3, 0.8]', 'multi\nline', 0.3, 0.8],
		['note EMISSIONS: Tea [0.70, 0.13]', 'EMISSIONS: Tea', 0.7, 0.13],
		['note see [1] for more [0.2, 0.4]', 'see [1] for more', 0.2, 0.4]
	])('%s', (line, text, visibility, evolution) => {
		const { map, errors } = parse(line);
		expect(errors).toEqual([]);
		expect(map.notes).toMatchObject([{ text, visibility, evolution }]);
	});

	it.each([
		['annotation 2 [0.48, 0.85] Hot water is obvious', 2, 'Hot water is obvious', [[0.48, 0.85]]],
		['annotation 1 [[0.43,0.49],[0.08,0.79]] Standardising power', 1, 'Standardising power', [[0.43, 0.49], [0.08, 0.79]]],
		['annotation 1 [[0.85,0.64],[0.85,0.68] ] Spaced', 1, 'Spaced', [[0.85, 0.64], [0.85, 0.68]]],
		['annotation 3,[0.4, 0.35] "Mermaid style"', 3, 'Mermaid style', [[0.4, 0.35]]]
	])('%s', (line, number, text, points) => {
		const { map, errors } = parse(line);
		expect(errors).toEqual([]);
		expect(map.annotations).toMatchObject([{ number, text, positions: points.map(([visibility, evolution]) => ({ visibility, evolution })) }]);
	});

	it('annotations [v, m] places the legend', () => {
		expect(parse('annotations [0.72, 0.03]').map.annotationsAt).toEqual({ visibility: 0.72, evolution: 0.03 });
	});

	it.each(['pioneers', 'settlers', 'townplanners'] as const)('%s [v1, m1, v2, m2]', (kind) => {
		const { map, errors } = parse(`${kind} [0.90, 0.16, 0.68, 0.38]`);
		expect(errors).toEqual([]);
		expect(map.areas).toMatchObject([{ kind, from: { visibility: 0.9, evolution: 0.16 }, to: { visibility: 0.68, evolution: 0.38 } }]);
	});

	it('legacy PST [v, m] width height: pixels converted on the 500×600 canvas, with a warning', () => {
		const { map, warnings } = parse('pioneers [0.95, 0.83] 120 30');
		expect(map.areas[0].from).toEqual({ visibility: 0.95, evolution: 0.83 });
		expect(map.areas[0].to.evolution).toBeCloseTo(0.83 + 120 / 500);
		expect(map.areas[0].to.visibility).toBeCloseTo(0.95 - 30 / 600);
		expect(warnings).toMatchObject([{ line: 1 }]);
	});

	it.each(['accelerator', 'deaccelerator'] as const)('%s', (kind) => {
		expect(parse(`${kind} Open Standards [0.25, 0.60]`).map.accelerators).toMatchObject([{ kind, name: 'Open Standards', visibility: 0.25, evolution: 0.6 }]);
	});
});

describe('map settings', () => {
	it('empty text is the model\'s empty map', () => {
		expect(parse('').map).toEqual(emptySnapshot());
	});

	it.each([
		['title Tea Shop', { title: 'Tea Shop' }],
		['', { title: 'Untitled map' }],
		['style wardley', { style: 'wardley' }],
		['size [1024, 768]', { size: { width: 1024, height: 768 } }],
		['evolution Novel->Emerging->Good->Best', { evolutionLabels: ['Novel', 'Emerging', 'Good', 'Best'] }],
		['evolution a->b->->d', { evolutionLabels: ['a', 'b', '', 'd'] }],
		['evolution genesis / concept -> custom / emerging -> product -> 🙂', { evolutionLabels: ['genesis / concept', 'custom / emerging', 'product', '🙂'] }],
		['evolution --hide', { hideEvolution: true }],
		['evolution --hide A->B->C->D', { hideEvolution: true, evolutionLabels: ['A', 'B', 'C', 'D'] }],
		['valuechain --hide', { hideValueChain: true }],
		['valuechain --hide anything', { hideValueChain: true }]
	])('%s', (text, expected) => {
		const { map, errors } = parse(text);
		expect(errors).toEqual([]);
		expect(map).toMatchObject(expected);
	});

	it('a byte-order mark does not hide the title', () => {
		expect(parse('\uFEFFtitle With BOM\r\ncomponent A [0.5, 0.5]')).toMatchObject({ errors: [], map: { title: 'With BOM' } });
	});

	it('b.5.7: title only counts at column 0', () => {
		const { map, warnings } = parse('  title Indented\ntitle Real');
		expect(map.title).toBe('Real');
		expect(warnings).toMatchObject([{ line: 1 }]);
	});
});

describe('comments', () => {
	it('// and /* */ are removed; url lines keep https://', () => {
		const text = [
			'// a comment',
			'component A [0.5, 0.5] // trailing',
			'/* block',
			'component Hidden [0.1, 0.1]',
			'*/ component B [0.4, 0.4]',
			'submap S [0.3, 0.3] url(s)',
			'url s [https://example.org/map]',
			'component "C // not a comment" [0.2, 0.2] /* inline */ label [1, 2]'
		].join('\n');
		const { map, errors } = parse(text);
		expect(errors).toEqual([]);
		expect(map.components.map((c) => c.name)).toEqual(['A', 'B', 'S', 'C // not a comment']);
		expect(comp(map, 'S').submapUrl).toBe('https://example.org/map');
		expect(comp(map, 'C // not a comment').label).toEqual({ x: 1, y: 2 });
	});
});

describe('text is text', () => {
	it('a <script> in a name goes through parse and print unchanged', () => {
		const name = '<script>alert("x")</script>';
		const text = printOwm(parse(`component "${name.replace(/"/g, '\\"')}" [0.5, 0.5]\nnote <script>bad()</script> [0.1, 0.1]`).map);
		const back = parse(text).map;
		expect(back.components[0].name).toBe(name);
		expect(back.notes[0].text).toBe('<script>bad()</script>');
		expect(text).toContain('<script>');
	});
});
