// Waiting for something a loopback server records (a mail, a POST): the first item that matches, once it has come.
export async function firstMatch<T>(items: T[], predicate: (item: T) => boolean, timeoutMs: number, where: string) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const hit = items.find(predicate);
    if (hit) return hit;
    if (Date.now() > until) throw new Error(`nothing matching came to ${where} in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
