// Canvas tools: what a click on empty space does. Number keys pick them; Enter on the canvas
// places the active tool's element at the focus (keyboard route to every tool).
export type Tool = 'select' | 'component' | 'anchor' | 'note' | 'annotation' | 'accelerator' | 'deaccelerator' | 'area' | 'link';

export interface ToolInfo {
	readonly tool: Tool;
	readonly label: string;
	readonly key: string;
	/** The name a new element starts with (then renamed in place). */
	readonly defaultName?: string;
}

export const TOOLS: readonly ToolInfo[] = [
	{ tool: 'select', label: 'Select and move', key: '1' },
	{ tool: 'component', label: 'Component', key: '2', defaultName: 'New component' },
	{ tool: 'anchor', label: 'User need', key: '3', defaultName: 'New user need' },
	{ tool: 'note', label: 'Note', key: '4', defaultName: 'New note' },
	{ tool: 'annotation', label: 'Annotation', key: '5', defaultName: 'New annotation' },
	{ tool: 'accelerator', label: 'Accelerator', key: '6', defaultName: 'Accelerator' },
	{ tool: 'deaccelerator', label: 'Deaccelerator', key: '7', defaultName: 'Deaccelerator' },
	{ tool: 'area', label: 'Pioneers / settlers / town planners area', key: '8' },
	{ tool: 'link', label: 'Link (click the higher component, then what it needs)', key: '9' }
];
