import { Injectable } from '@nestjs/common';
import type { Queryable } from '../database/queryable';

export type PersonChange = {
  id: string;
  personId: string;
  caseId: string;
  field: string;
  oldValue: unknown;
  newValue: unknown;
  changedBy: string;
  changedRole: string;
};

// The SQL of `person_changes`: every change of a returnee's file, with the old and the new value (here only: the
// case timeline names the change's id and field).
@Injectable()
export class PersonChangeRepository {
  async insert(m: Queryable, changes: readonly PersonChange[]): Promise<void> {
    for (const c of changes) {
      await m.query(
        `INSERT INTO person_changes (id, person_id, case_id, field, old_value, new_value, changed_by, changed_role)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          c.id,
          c.personId,
          c.caseId,
          c.field,
          JSON.stringify(c.oldValue ?? null),
          JSON.stringify(c.newValue ?? null),
          c.changedBy,
          c.changedRole,
        ],
      );
    }
  }

  // Retention: the values go with the rest of the person's data; that a field changed, by whom and when, stays.
  async forgetValues(m: Queryable, personIds: string[]): Promise<void> {
    await m.query(`UPDATE person_changes SET old_value = NULL, new_value = NULL WHERE person_id = ANY($1::uuid[])`, [
      personIds,
    ]);
  }
}
