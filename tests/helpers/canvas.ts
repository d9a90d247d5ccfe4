// A headless canvas for the gesture tests: a real editor controller on a real Y.Doc, the real
// scene, and a host whose screen is the scene itself (client px = scene px).
import * as Y from 'yjs';
import { initMap, readSnapshot, type ElementRef, type MapSnapshot, type Point } from '../../src/lib/map/index.js';
import { buildScene } from '../../src/lib/render/index.js';
import { EditorController } from '../../src/lib/editor/controller.js';
import { toPixels } from '../../src/lib/editor/geometry.js';
import { refKey } from '../../src/lib/editor/refs.js';
import type { Tool } from '../../src/lib/editor/tools.js';
import type { Facilitation } from '../../src/lib/editor/permissions.js';
import type { CanvasUi, GestureHost } from '../../src/lib/editor/gestures/host.js';
import { KeyboardGestures } from '../../src/lib/editor/gestures/keyboard.js';
import { PointerGestures, type PointerInput } from '../../src/lib/editor/gestures/pointer.js';

/** An empty map's snapshot. */
export function initMapSnapshot(): MapSnapshot {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Gestures' });
	return readSnapshot(doc);
}

export function headlessCanvas(options: { readonly?: boolean; facilitation?: Facilitation } = {}) {
	const doc = new Y.Doc();
	initMap(doc, { title: 'Gestures' });
	let t = 0;
	const ed = new EditorController(doc, { now: () => t, facilitation: options.facilitation });
	const said: string[] = [];
	const ui: CanvasUi = { focusKey: null, hoverId: null, hoverLabel: false, dragMoves: null, band: null, linkLine: null, linkFrom: null, renaming: null, menu: null };
	let selection: readonly ElementRef[] = [];
	ed.onChange(() => (selection = ed.selection));
	let tool: Tool = 'select';
	const host: GestureHost = {
		ed,
		get snapshot() {
			return ed.map;
		},
		get scene() {
			return buildScene(ed.map, { width: 1000, height: 800 });
		},
		readonly: options.readonly ?? false,
		get tool() {
			return tool;
		},
		set tool(v) {
			tool = v;
		},
		get selection() {
			return selection;
		},
		ui,
		get panning() {
			return keys.panning;
		},
		points: {
			hold() {},
			toScene: (e) => ({ x: e.clientX, y: e.clientY }),
			toFrame: (x, y) => ({ left: x, top: y }),
			clientToFrame: (x, y) => ({ left: x, top: y })
		},
		announce: (m) => void said.push(m),
		publish() {},
		gesture() {},
		capture() {},
		release() {},
		focusRef: async (ref) => void (ui.focusKey = ref ? refKey(ref) : null),
		focusCanvas() {},
		viewCentre: () => ({ evolution: 0.5, visibility: 0.5 }),
		afterRender: (run) => run(),
		focusRenameField() {}
	};
	const pointer = new PointerGestures(host);
	const keys = new KeyboardGestures(host, pointer);
	/** A pointer event at a map point (or at scene px). */
	const at = (p: Point | { x: number; y: number }, extra: Partial<PointerInput> = {}): PointerInput => {
		const px = 'x' in p ? p : toPixels(host.scene.plot, p);
		return { pointerId: 1, clientX: px.x, clientY: px.y, button: 0, shiftKey: false, target: null, ...extra };
	};
	const key = (k: string, mods: { shiftKey?: boolean; ctrlKey?: boolean; altKey?: boolean } = {}) =>
		keys.down({ key: k, shiftKey: mods.shiftKey ?? false, ctrlKey: mods.ctrlKey ?? false, metaKey: false, altKey: mods.altKey ?? false, preventDefault() {} });
	return { doc, ed, host, ui, pointer, keys, said, at, key, tick: (ms: number) => (t += ms) };
}
