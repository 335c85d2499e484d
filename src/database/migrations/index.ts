import { Foundation1764201600000 } from './1764201600000-Foundation';

// In order. Listed by hand so the same list works from ts (jest) and from dist.
export const MIGRATIONS = [Foundation1764201600000];
