export default async function workflowGlobalTeardown(): Promise<void> {
  const servers = ((globalThis as Record<string, unknown>).__rujukanTestServers ?? []) as {
    stop: () => Promise<void>;
  }[];
  await Promise.all(servers.map((s) => s.stop()));
}
