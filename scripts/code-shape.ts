// `npm run code-shape [-- <root>]`: the largest files and the longest functions of the TypeScript under src,
// workflows, scripts, test and bench, so a refactoring can say where it started and where it ended (README,
// "The shape of the code"). Counts lines as they stand in the file, blank lines and comments included.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const FOLDERS = ['src', 'workflows', 'scripts', 'test', 'bench'];

function files(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out = out.concat(files(path));
    else if (name.endsWith('.ts')) out.push(path);
  }
  return out;
}

type Span = { where: string; name: string; lines: number; kind: 'function' | 'class' };

function spansOf(path: string, root: string): Span[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
  const spans: Span[] = [];
  const visit = (node: ts.Node): void => {
    const isFunction = ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
    if (isFunction || ts.isClassDeclaration(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      const named = (node as ts.FunctionLikeDeclaration | ts.ClassDeclaration).name;
      const name = named
        ? named.getText(source)
        : ts.isPropertyAssignment(node.parent)
          ? node.parent.name.getText(source)
          : '(anonymous)';
      spans.push({
        where: `${relative(root, path)}:${start + 1}`,
        name,
        lines: end - start + 1,
        kind: isFunction ? 'function' : 'class',
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

function main(): void {
  const root = resolve(process.argv[2] ?? join(__dirname, '..', '..'));
  const all = FOLDERS.flatMap((f) => {
    try {
      return files(join(root, f));
    } catch {
      return [];
    }
  });
  const sizes = all
    .map((f) => ({ file: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
    .sort((a, b) => b.lines - a.lines);
  const total = sizes.reduce((n, s) => n + s.lines, 0);
  const spans = all.flatMap((f) => spansOf(f, root)).sort((a, b) => b.lines - a.lines);
  const outsideTests = (s: Span) => !s.where.startsWith('test');
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`${all.length} files, ${total} lines under ${FOLDERS.join(', ')}`);
  say('largest files:');
  for (const s of sizes.slice(0, 5)) say(`  ${String(s.lines).padStart(5)}  ${s.file}`);
  for (const kind of ['function', 'class'] as const) {
    say(`longest ${kind === 'function' ? 'functions' : 'classes'} (outside test/):`);
    for (const s of spans.filter((x) => x.kind === kind && outsideTests(x)).slice(0, 5))
      say(`  ${String(s.lines).padStart(5)}  ${s.name} (${s.where})`);
  }
}

main();
