// iCalendar downloads: the response headers for an .ics file. Server only.

/** An .ics file response named `filename`. */
export function calendarResponse(text: string, filename: string): Response {
	return new Response(text, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]+/g, '-')}"`,
			'cache-control': 'no-store'
		}
	});
}
