// Descriptions and required-ness of the built-in kinds' fields, read from the JSDoc comments of
// @kubernetes/client-node's generated model declarations (dist/gen/models/<Model>.d.ts): the class
// comment is the type's description, a field's comment is the field's description, and a field
// declared without `?` is required. This is the text kube-apiserver publishes in its OpenAPI
// documents (the generator copied it from there); we read it instead of shipping a swagger copy.
// Nothing is read at import time: each model's file is parsed on first use and cached. It knows
// nothing about types (models.ts) or patch strategies (patch-meta.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface FieldDoc {
  description?: string;
  required: boolean;
}

export interface ModelDoc {
  description?: string;
  fields: Record<string, FieldDoc>;
}

const cache = new Map<string, ModelDoc | undefined>();
let modelsDir: string | undefined;

function declarationsDir(): string {
  if (!modelsDir) {
    const entry = createRequire(import.meta.url).resolve('@kubernetes/client-node');
    modelsDir = join(dirname(entry), 'gen', 'models');
  }
  return modelsDir;
}

/** The documentation of one generated model (`V1DeploymentSpec`), or undefined when there is none. */
export function modelDoc(name: string): ModelDoc | undefined {
  if (cache.has(name)) return cache.get(name);
  let doc: ModelDoc | undefined;
  // Model names are identifiers; anything else must not become a path.
  if (/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    try {
      doc = parseDeclaration(readFileSync(join(declarationsDir(), `${name}.d.ts`), 'utf8'), name);
    } catch {
      doc = undefined;
    }
  }
  cache.set(name, doc);
  return doc;
}

/** Parses one generated declaration file; exported for tests. */
export function parseDeclaration(source: string, className: string): ModelDoc | undefined {
  const lines = source.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`export declare class ${className} `));
  if (start < 0) return undefined;
  const doc: ModelDoc = { fields: {} };
  const classComment = commentEndingAt(lines, start - 1);
  // The file header (licence and generator banner) also sits above the class when the type has
  // no description of its own.
  if (classComment !== undefined && !/Openapi Generator/i.test(classComment)) doc.description = classComment;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s*static /.test(line) || /^}/.test(line)) break;
    const field = /^\s{4}'([^']+)'(\?)?:/.exec(line);
    if (!field) continue;
    const description = commentEndingAt(lines, i - 1);
    doc.fields[field[1]!] = { ...(description !== undefined ? { description } : {}), required: field[2] !== '?' };
  }
  return doc;
}

/** The text of the `/** ... *\/` block whose closing line is `end`, or undefined when there is none. */
function commentEndingAt(lines: string[], end: number): string | undefined {
  if (end < 0 || !/^\s*\*\/\s*$/.test(lines[end]!)) return undefined;
  let begin = end - 1;
  while (begin >= 0 && !/^\s*\/\*\*\s*$/.test(lines[begin]!)) begin--;
  if (begin < 0) return undefined;
  const text = lines
    .slice(begin + 1, end)
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
  return text ? unescapeComment(text) : undefined;
}

/** The generator writes descriptions as escaped string literals: \" \' and \\ stand for themselves. */
function unescapeComment(text: string): string {
  return text.replace(/\\(["'\\])/g, '$1');
}
