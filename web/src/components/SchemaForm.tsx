// A form built from a JSON Schema (an object schema of the served OpenAPI document, its $refs resolved): a field per
// property, the widget chosen by the property's type. What a person reads (label, help, the choices in words) comes
// from the caller's `setup`, so the words live in the i18n files and the schema only says what the API accepts.
import {
  Checkbox,
  Fieldset,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import type { ReactNode } from 'react';
import { zonedInstant } from '../format';

export type JsonSchema = {
  type?: string;
  format?: string;
  enum?: (string | number)[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  $ref?: string;
  allOf?: JsonSchema[];
};

export type FormValues = Record<string, unknown>;
export type FieldChoice = { value: string; label: string };

// How one field shows: its words, its choices (a Select or MultiSelect over them), whether it shows and is required.
export type FieldSetup = {
  label: string;
  help?: string;
  choices?: FieldChoice[];
  hidden?: boolean;
  required?: boolean;
  // an optional yes/no whose absence means something of its own ("as the risk tier says"): a third choice
  unset?: string;
  // a note under a choice with nothing to choose from
  empty?: string;
};

export type SchemaFormProps = {
  schema: JsonSchema;
  value: FormValues;
  // the whole form, and the path of the field that changed
  onChange: (next: FormValues, path: string) => void;
  // problems by field path ("guardian.name")
  errors: Record<string, string>;
  setup: (path: string, schema: JsonSchema, required: boolean, value: FormValues) => FieldSetup;
};

// Text longer than a name is typed in a box that grows: notes, reasons, plans.
const LONG_TEXT = 200;

const at = (value: FormValues, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as FormValues)[k] : undefined), value);

function withAt(value: FormValues, path: string, next: unknown): FormValues {
  const [head, ...rest] = path.split('.');
  if (!rest.length) return { ...value, [head]: next };
  const inner = (value[head] && typeof value[head] === 'object' ? value[head] : {}) as FormValues;
  return { ...value, [head]: withAt(inner, rest.join('.'), next) };
}

export function SchemaForm(props: SchemaFormProps) {
  return (
    // Mantine's error red on white is below WCAG AA (axe: color-contrast): a darker one for the problems and the
    // text of a field that has one
    <Stack gap="sm" style={{ '--mantine-color-error': 'var(--mantine-color-red-9)' }}>
      {fieldsOf(props, props.schema, '')}
    </Stack>
  );
}

function fieldsOf(props: SchemaFormProps, schema: JsonSchema, prefix: string): ReactNode[] {
  return Object.entries(schema.properties ?? {}).map(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const s = props.setup(path, property, (schema.required ?? []).includes(name), props.value);
    if (s.hidden) return null;
    return <Field key={path} {...props} path={path} property={property} s={s} />;
  });
}

function Field(props: SchemaFormProps & { path: string; property: JsonSchema; s: FieldSetup }) {
  const { path, property: p, s, value, errors } = props;
  const v = at(value, path);
  const set = (next: unknown) => props.onChange(withAt(value, path, next), path);
  const common = { label: s.label, description: s.help, required: s.required, error: errors[path] };

  if (p.type === 'object') {
    return (
      <Fieldset legend={`${s.label}${s.required ? ' *' : ''}`} variant="filled">
        {s.help && (
          <Text size="sm" c="gray.7" mb="xs">
            {s.help}
          </Text>
        )}
        {errors[path] && (
          <Text size="sm" c="red.9" mb="xs">
            {errors[path]}
          </Text>
        )}
        {Object.values(p.properties ?? {}).every((x) => x.type === 'boolean') ? (
          // a list of yes/no findings: two columns where there is room
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            {fieldsOf(props, p, path)}
          </SimpleGrid>
        ) : (
          <Stack gap="xs">{fieldsOf(props, p, path)}</Stack>
        )}
      </Fieldset>
    );
  }
  if (p.type === 'array') {
    const list = Array.isArray(v) ? (v as string[]) : [];
    if (s.choices) {
      return (
        <MultiSelect
          {...common}
          data={s.choices}
          value={list}
          onChange={set}
          searchable
          hidePickedOptions
          nothingFoundMessage={s.empty}
          comboboxProps={{ withinPortal: false }}
        />
      );
    }
    return <TagsInput {...common} value={list} onChange={set} />;
  }
  if (p.type === 'boolean') {
    if (s.unset) {
      const chosen = v === true ? 'yes' : v === false ? 'no' : 'unset';
      return (
        <Radio.Group
          {...common}
          value={chosen}
          onChange={(c) => set(c === 'yes' ? true : c === 'no' ? false : undefined)}
        >
          <Stack gap={4} mt={4}>
            <Radio value="unset" label={s.unset} />
            <Radio value="yes" label={s.choices?.[0]?.label ?? '✓'} />
            <Radio value="no" label={s.choices?.[1]?.label ?? '✗'} />
          </Stack>
        </Radio.Group>
      );
    }
    return (
      <Checkbox
        label={s.label}
        description={s.help}
        error={errors[path]}
        checked={v === true}
        onChange={(e) => set(e.currentTarget.checked)}
      />
    );
  }
  if (p.type === 'number' || p.type === 'integer') {
    return (
      <NumberInput
        {...common}
        min={p.minimum}
        max={p.maximum}
        allowDecimal={p.type === 'number'}
        value={typeof v === 'number' ? v : ''}
        onChange={(n) => set(typeof n === 'number' ? n : undefined)}
      />
    );
  }
  if (s.choices || p.enum) {
    return (
      <Select
        {...common}
        data={s.choices ?? []}
        value={typeof v === 'string' && v ? v : null}
        onChange={(c) => set(c ?? '')}
        searchable={(s.choices?.length ?? 0) > 6}
        nothingFoundMessage={s.empty}
        comboboxProps={{ withinPortal: false }}
      />
    );
  }
  const text = typeof v === 'string' ? v : '';
  const typed = (e: { currentTarget: { value: string } }) => set(e.currentTarget.value);
  if (p.format === 'date-time') return <TextInput {...common} type="datetime-local" value={text} onChange={typed} />;
  if (p.format === 'date') return <TextInput {...common} type="date" value={text} onChange={typed} />;
  if ((p.maxLength ?? 0) > LONG_TEXT) {
    return (
      <Textarea {...common} autosize minRows={2} maxRows={8} maxLength={p.maxLength} value={text} onChange={typed} />
    );
  }
  return <TextInput {...common} maxLength={p.maxLength} value={text} onChange={typed} />;
}

// ---- from the form to the JSON the API takes ------------------------------------------------------------------------

// The payload: text trimmed and left out when blank, a date-time as an ISO instant, a hidden field left out, an
// optional object or list left out when empty; a required one always sent ([] and {} mean "none").
export function toPayload(
  schema: JsonSchema,
  value: FormValues,
  shown: (path: string) => boolean,
  timeZone: string,
  prefix = '',
): FormValues {
  const out: FormValues = {};
  for (const [name, p] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    if (!shown(path)) continue;
    const required = (schema.required ?? []).includes(name);
    const v = value[name];
    if (p.type === 'object') {
      const inner = toPayload(p, (v && typeof v === 'object' ? v : {}) as FormValues, shown, timeZone, path);
      if (required || Object.keys(inner).length) out[name] = inner;
    } else if (p.type === 'array') {
      const list = Array.isArray(v) ? v : [];
      if (required || list.length) out[name] = list;
    } else if (p.type === 'boolean') {
      // a required yes/no is a checkbox: not ticked is "no"
      if (typeof v === 'boolean') out[name] = v;
      else if (required) out[name] = false;
    } else if (typeof v === 'number') {
      out[name] = v;
    } else if (typeof v === 'string' && v.trim()) {
      out[name] = p.format === 'date-time' ? (zonedInstant(v, timeZone) ?? v) : v.trim();
    }
  }
  return out;
}
