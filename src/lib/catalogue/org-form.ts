// The shape of the organisation profile form, shared by its fields component and the server
// code that checks it. Types only.

export interface OrgFormValues {
	name: string;
	type: string;
	region: string;
	parent: string;
	/** The admin key of the organisation it is part of (never shown back on the page). */
	parentKey: string;
	website: string;
	description: string;
}

export type OrgFormErrors = Partial<Record<keyof OrgFormValues, string>>;
