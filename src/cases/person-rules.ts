// Rules about a returnee's file that need no framework: who is a child, and what a search query could be.

// Under 18 on the given day, by the date of birth (YYYY-MM-DD): a child wherever the process asks (UU 35/2014).
export function childAt(dateOfBirth: string, at: Date): boolean {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const adult = Date.UTC(y + 18, m - 1, d);
  return at.getTime() < adult;
}

// What a search looks for: the name text (matched by trigrams over the name and aliases), and the identifiers the
// query could be, each null when it cannot be one (so that branch finds nothing and costs an index probe).
export type SearchKeys = {
  text: string;
  nationalId: string | null;
  passport: string | null;
  phone: string | null;
  caseNumber: string | null;
};

// The keys of a query as the key indexes hold them (the same normalisation as phone_key() and passport_key()).
export function searchKeys(q: string): SearchKeys {
  const compact = q.replace(/[\s().-]/g, '');
  const digits = compact.replace(/^\+/, '');
  return {
    text: q,
    nationalId: /^\d{16}$/.test(digits) ? digits : null,
    passport: /^[A-Za-z0-9]{5,20}$/.test(compact) && /\d/.test(compact) ? compact.toUpperCase() : null,
    phone: /^\d{8,16}$/.test(digits) ? digits.replace(/^0/, '62') : null,
    caseNumber: /^[A-Za-z]+-\d{4}-\d{6}$/.test(q) ? q.toUpperCase() : null,
  };
}
