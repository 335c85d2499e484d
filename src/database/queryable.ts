import type { EntityManager } from 'typeorm';

// What a repository method runs its SQL on: the DataSource, or the EntityManager of a transaction its caller
// holds, so writes to several tables still commit together.
export type Queryable = Pick<EntityManager, 'query'>;
