// The shape of the organisation profile form, shared by its fields component and the server
// code that checks it. Types only.

export interface OrgFormValues {
	name: string;
	type: string;
	region: string;
	parent: string;
	website: string;
	description: string;
}

export type OrgFormErrors = Partial<Record<keyof OrgFormValues, string>>;
