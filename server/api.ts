// The one module of server/ that SvelteKit's server code imports (through src/lib/server/context.ts).
// It imports types only and reaches the running server through the app object published on
// globalThis, so the web bundle holds no second copy of a server class and `instanceof` holds.
import type { StackmapApp } from './app.js';
import type { CatalogueError } from './catalogue/catalogue.js';
import type { OrganisationError } from './catalogue/organisations.js';
import type { MapTooBigError } from './collab/size.js';
import type { MapRecord, Role } from './store/types.js';
import type { SnapshotLimitError } from './workshop/snapshots.js';

export type { StackmapApp, CreatedMap } from './app.js';
export type { PublishInput } from './catalogue/catalogue.js';
export type { OrgActor, Organisation, OrganisationInput, Organisations } from './catalogue/organisations.js';
export type { OrgToken, TokenScope } from './catalogue/org-tokens.js';
export type { AuditEntry } from './catalogue/org-audit.js';
export type { Publication } from './catalogue/publication.js';
export type { MapRecord } from './store/types.js';
export type { ImportJob, ImportRead } from './convert/index.js';
export type { Auth, OwnedMap, User } from './auth/index.js';

/** The server running in this process (server/index.ts, or the Vite dev plugin). */
export function stackmap(): StackmapApp {
	const app = globalThis.__stackmap;
	if (!app) throw new Error('Stackmap server is not running in this process (start it with `npm start` or `npm run dev`).');
	return app;
}

/** The strongest role `key` grants on the map, or null; compared in constant time (server/access.ts). */
export function roleForKey(record: MapRecord, key: string | null | undefined): Role | null {
	return stackmap().roleForKey(record, key);
}

/** A new map or a restore over the map size limits: nothing was created or changed (413). */
export function isMapTooBig(err: unknown): err is MapTooBigError {
	return err instanceof stackmap().errors.MapTooBigError;
}

/** A publishing change the catalogue refused, with the HTTP status it becomes. */
export function isCatalogueError(err: unknown): err is CatalogueError {
	return err instanceof stackmap().errors.CatalogueError;
}

/** An organisation profile or membership change that was refused (see OrganisationRefusal). */
export function isOrganisationError(err: unknown): err is OrganisationError {
	return err instanceof stackmap().errors.OrganisationError;
}

/** A snapshot the map has no room for (it keeps a limited number). */
export function isSnapshotLimit(err: unknown): err is SnapshotLimitError {
	return err instanceof stackmap().errors.SnapshotLimitError;
}
