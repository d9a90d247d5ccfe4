// What an error page says: what happened and what to do, by HTTP status and the address asked
// for (a map link gets words about links). Pure: the status itself is kept by SvelteKit.

export interface ErrorExplanation {
	/** The page's h1 (and its title). */
	readonly heading: string;
	/** Paragraphs: what happened, then what to do. */
	readonly body: readonly string[];
}

/** A map page or one of its pages (publish), not a map file such as /maps/<id>.svg. */
const MAP_PAGE = /^\/maps\/[^/.]+(?:\/[^/]*)?$/;

/**
 * The explanation of an error page. `status` the HTTP status, `message` the error's own message
 * (shown for statuses under 500 this module has no words for), `path` the address asked for,
 * `hasKey` whether it carried a link key (`?key=`).
 */
export function explainError(status: number, message: string, path: string, hasKey: boolean): ErrorExplanation {
	const onMap = MAP_PAGE.test(path);
	// A working link of too weak a role (a participant on the publish page) is not a revoked one.
	if (onMap && status === 403 && /^(Only|A view link)/.test(message)) {
		return {
			heading: 'Only a facilitator can do this',
			body: [sentence(message), 'Ask your facilitator to do it, or to share the facilitator link with you.']
		};
	}
	if (onMap && status === 403 && hasKey) {
		return {
			heading: 'This link no longer works',
			body: [
				'This link no longer works — it may have been replaced. Ask your facilitator for a new link.',
				'If this device kept the old link, you can forget it under “Your maps” on the home page.'
			]
		};
	}
	if (onMap && status === 403) {
		return {
			heading: 'This map is private',
			body: ['You need a link to open this map. Ask your facilitator for one.']
		};
	}
	if (onMap && (status === 404 || status === 400)) {
		return {
			heading: 'No map here',
			body: [
				status === 404 ? 'There is no map at this address: it may have been mistyped, or the map never existed here.' : 'This address is not a map link.',
				'Check that the whole link was copied, or ask whoever shared it to send it again.'
			]
		};
	}
	if (status === 404) {
		return { heading: 'Page not found', body: ['There is nothing at this address. Check it was typed or copied whole.'] };
	}
	if (status === 403) {
		return { heading: 'You cannot see this page', body: [sentence(message), 'If you were given a link for it, open that link again.'] };
	}
	if (status < 500) {
		return { heading: 'This request could not be handled', body: [sentence(message)] };
	}
	return {
		heading: 'Something went wrong',
		body: ['The server could not show this page. Try again in a moment; if it keeps happening, tell whoever runs this Stackmap.']
	};
}

function sentence(message: string): string {
	const text = message.trim() || 'The server refused this request.';
	return /[.!?]$/.test(text) ? text : `${text}.`;
}
