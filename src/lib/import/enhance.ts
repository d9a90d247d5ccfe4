// Progressive enhancement of the import forms: keep what the user typed when the server answers,
// and move focus to what the answer shows (the problems, or the mapping step).
import { tick } from 'svelte';
import type { SubmitFunction } from '@sveltejs/kit';

/** A use:enhance submit function that never resets the form and focuses `#focusId` after the update when present. */
export function keepAndFocus(focusIds: readonly string[]): SubmitFunction {
	return () =>
		async ({ update }) => {
			await update({ reset: false });
			await tick();
			for (const id of focusIds) {
				const el = document.getElementById(id);
				if (el) {
					el.focus();
					break;
				}
			}
		};
}

/** Read a chosen file into the text box (so it can be checked and fixed in place) and clear the file input. */
export async function loadFileInto(input: HTMLInputElement, textarea: HTMLTextAreaElement, maxBytes: number): Promise<string | null> {
	const file = input.files?.[0];
	if (!file) return null;
	if (file.size > maxBytes) return `The file is too large: imports are limited to ${maxBytes / 1024 / 1024} MB`;
	textarea.value = await file.text();
	input.value = '';
	textarea.focus();
	return null;
}
