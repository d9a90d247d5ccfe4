// The actions menu and keyboard shortcuts of each element: one list, used by the right-click menu,
// the keyboard (Shift+F10 / ContextMenu) and the shortcut handler, so they cannot disagree.
import type { ElementRef, FlowKind } from '../map/index.js';
import type { EditorController } from './controller.js';

export interface Action {
	readonly id: string;
	readonly label: string;
	/** The key that runs it when the element is selected (as `KeyboardEvent.key`), if any. */
	readonly key?: string;
	/** Shown as pressed/checked (toggles). */
	readonly checked?: boolean;
	run(): void;
}

/** Actions that need the UI (rename in place, start linking) are handed back to it. */
export interface ActionHooks {
	rename(ref: ElementRef): void;
	startLink(ref: ElementRef): void;
}

export function actionsFor(ed: EditorController, ref: ElementRef, hooks: ActionHooks): Action[] {
	const map = ed.map;
	const common: Action[] = [
		{ id: 'rename', label: 'Rename', key: 'F2', run: () => hooks.rename(ref) },
		{ id: 'delete', label: 'Delete', key: 'Delete', run: () => ed.remove([ref]) }
	];
	if (ref.collection === 'components') {
		const c = map.components.find((x) => x.id === ref.id);
		if (!c) return [];
		const id = c.id;
		const set = (patch: Parameters<EditorController['setComponentFields']>[1]) => () => ed.setComponentFields(id, patch);
		const sourcing = (d: 'build' | 'buy' | 'outsource') =>
			set({ decorators: { build: d === 'build' && !c.decorators.build, buy: d === 'buy' && !c.decorators.buy, outsource: d === 'outsource' && !c.decorators.outsource } });
		const evolve = map.evolves.find((e) => e.componentId === id);
		const pipeline = map.pipelines.find((p) => p.componentId === id);
		return [
			...common,
			{ id: 'link', label: 'Link to…', key: 'l', run: () => hooks.startLink(ref) },
			{ id: 'inertia', label: 'Inertia', key: 'i', checked: c.inertia, run: set({ inertia: !c.inertia }) },
			{ id: 'build', label: 'Build', key: 'b', checked: c.decorators.build, run: sourcing('build') },
			{ id: 'buy', label: 'Buy', key: 'u', checked: c.decorators.buy, run: sourcing('buy') },
			{ id: 'outsource', label: 'Outsource', key: 'o', checked: c.decorators.outsource, run: sourcing('outsource') },
			{ id: 'market', label: 'Market', key: 'm', checked: c.decorators.market, run: set({ decorators: { market: !c.decorators.market } }) },
			{ id: 'ecosystem', label: 'Ecosystem', key: 'y', checked: c.decorators.ecosystem, run: set({ decorators: { ecosystem: !c.decorators.ecosystem } }) },
			evolve
				? { id: 'evolve', label: 'Remove evolve move', key: 'e', run: () => ed.remove([{ collection: 'evolves', id: evolve.id }]) }
				: { id: 'evolve', label: 'Evolve (add a move)', key: 'e', run: () => void ed.addEvolveMove(id) },
			pipeline
				? { id: 'pipeline', label: 'Remove pipeline', key: 'p', run: () => ed.remove([{ collection: 'pipelines', id: pipeline.id }]) }
				: { id: 'pipeline', label: 'Add pipeline', key: 'p', run: () => void ed.addPipelineTo(id) },
			{
				id: 'kind',
				label: c.kind === 'anchor' ? 'Make it a component' : 'Make it a user need',
				key: 'n',
				run: set({ kind: c.kind === 'anchor' ? 'component' : 'anchor' })
			},
			// Only a label someone placed (or an imported offset) has anything to reset.
			...(c.label !== null ? [{ id: 'reset-label', label: 'Reset label', key: 'r', run: () => ed.resetLabel(id) }] : [])
		];
	}
	if (ref.collection === 'links') {
		const l = map.links.find((x) => x.id === ref.id);
		if (!l) return [];
		const flow = (f: FlowKind | null) => () => ed.setLinkFields(l.id, { flow: f });
		return [
			{ ...common[0], label: 'Edit context label' },
			common[1],
			{ id: 'plain', label: 'Plain dependency', checked: l.flow === null, run: flow(null) },
			{ id: 'flow-forward', label: 'Flow forward', checked: l.flow === 'forward', run: flow('forward') },
			{ id: 'flow-reverse', label: 'Flow backward', checked: l.flow === 'reverse', run: flow('reverse') },
			{ id: 'flow-both', label: 'Flow both ways', checked: l.flow === 'both', run: flow('both') }
		];
	}
	if (ref.collection === 'pipelines' || ref.collection === 'areas') return [common[1]];
	return common;
}
