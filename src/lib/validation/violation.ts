/** A problem with one field of a write, as Strapi's ValidationError lists them (`details.errors[]`). */
export type Violation = { path: string[]; message: string };
