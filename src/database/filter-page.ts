// The one builder of the read model's lists: a parameterised WHERE, an ORDER BY, and a page (LIMIT limit + 1, so
// the extra row says whether another page follows). Plain text and parameters, no framework imports, so the
// read-model benchmark can run the very same SQL under EXPLAIN.

export type Sql = { text: string; params: unknown[] };

export type Page = { limit: number; offset: number };

export type Paged<T> = { items: T[]; limit: number; offset: number; hasMore: boolean };

export const DEFAULT_PAGE_SIZE = 50;

export function pageOf(q: { limit?: number; offset?: number }): Page {
  return { limit: q.limit ?? DEFAULT_PAGE_SIZE, offset: q.offset ?? 0 };
}

// AND-ed conditions, each with its value bound as the next $n.
export class SqlFilter {
  readonly params: unknown[] = [];
  private readonly clauses: string[] = [];

  // `clause` receives the placeholder of `value` ("$3") and returns the condition
  where(clause: (placeholder: string) => string, value: unknown): this {
    this.params.push(value);
    this.clauses.push(clause(`$${this.params.length}`));
    return this;
  }

  // binds a value as the next $n without a condition (for a value used elsewhere in the statement)
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  get text(): string {
    return this.clauses.length ? `WHERE ${this.clauses.join(' AND ')}` : '';
  }
}

// `select` is everything before WHERE (columns, FROM, joins); one row more than the page is fetched.
export function pagedSql(select: string, filter: SqlFilter, orderBy: string, page: Page): Sql {
  const params = [...filter.params, page.limit + 1, page.offset];
  return {
    text: `${select} ${filter.text} ORDER BY ${orderBy} LIMIT $${params.length - 1} OFFSET $${params.length}`,
    params,
  };
}

// The page of rows fetched by pagedSql (or any query that fetched limit + 1), mapped.
export function toPage<R, T>(rows: readonly R[], page: Page, map: (row: R) => T): Paged<T> {
  return {
    items: rows.slice(0, page.limit).map((r) => map(r)),
    limit: page.limit,
    offset: page.offset,
    hasMore: rows.length > page.limit,
  };
}

// The `column = $n` assignments of an UPDATE for the fields of `change` that are set, each value bound on `filter`.
export function assignments<C extends object>(
  change: C,
  columns: Readonly<Record<keyof C, string>>,
  filter: SqlFilter,
): string[] {
  return (Object.entries(change) as [keyof C, unknown][])
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${columns[k]} = ${filter.bind(v)}`);
}
