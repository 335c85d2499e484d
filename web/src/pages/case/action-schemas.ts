// The payload schema of each action, read from the OpenAPI document the API serves (the document the console's API
// types are made from): ActionRequestDto's payload names each action's schema ("send-referral → SendReferralPayload"),
// and components.schemas holds it. Fetched once per page load and kept: it changes only with a new API build.
import { useQuery } from '@tanstack/react-query';
import type { JsonSchema } from '../../components/SchemaForm';

type OpenApiDocument = { components?: { schemas?: Record<string, JsonSchema> } };

// The document is not an operation of the API (it describes them), so the typed client has no path for it.
async function fetchDocument(): Promise<OpenApiDocument> {
  const res = await fetch('/api/docs-json', { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`the API document answered ${res.status}`);
  return (await res.json()) as OpenApiDocument;
}

const REF = '#/components/schemas/';

// A schema with its $refs (and the allOf: [{$ref}] that carries a description beside one) replaced by what they name.
function resolve(schema: JsonSchema, all: Record<string, JsonSchema>, depth = 0): JsonSchema {
  if (depth > 8) return schema;
  let s = schema;
  if (s.$ref?.startsWith(REF)) {
    const { $ref, ...rest } = s;
    s = { ...(all[$ref.slice(REF.length)] ?? {}), ...rest };
  }
  if (s.allOf?.length === 1) {
    const { allOf, ...rest } = s;
    s = { ...resolve(allOf[0], all, depth + 1), ...rest };
  }
  if (s.$ref || s.allOf) return resolve(s, all, depth + 1);
  const properties = s.properties
    ? Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, all, depth + 1)]))
    : undefined;
  const items = s.items ? resolve(s.items, all, depth + 1) : undefined;
  const type = s.type ?? (properties ? 'object' : undefined);
  return { ...s, type, ...(properties ? { properties } : {}), ...(items ? { items } : {}) };
}

// action type → its payload schema, resolved
export function payloadSchemas(doc: OpenApiDocument): Map<string, JsonSchema> {
  const all = doc.components?.schemas ?? {};
  const naming = all.ActionRequestDto?.properties?.payload?.description ?? '';
  const found = new Map<string, JsonSchema>();
  for (const [, type, name] of naming.matchAll(/([a-z][a-z-]*) → (\w+)/g)) {
    if (all[name]) found.set(type, resolve({ $ref: `${REF}${name}` }, all));
  }
  return found;
}

export const actionSchemasQuery = {
  queryKey: ['openapi-document', 'action-payloads'],
  queryFn: async () => payloadSchemas(await fetchDocument()),
  staleTime: Infinity,
  gcTime: Infinity,
};

export function useActionSchemas() {
  return useQuery(actionSchemasQuery);
}
