// When a field of a PATCH is validated; left out means "unchanged".
// present: also when null, so null is refused (the column must have a value; else it would fail in the database).
// presentNotNull: null passes unvalidated and clears a column that may be empty.
export const present = (_o: object, v: unknown): boolean => v !== undefined;
export const presentNotNull = (_o: object, v: unknown): boolean => v !== undefined && v !== null;
