/**
 * Just enough YAML for the Slack manifest test (no YAML library is installed): block mappings,
 * block sequences of scalars or of mappings, plain / single- / double-quoted scalars, booleans,
 * numbers and comments. Anything else (flow style, anchors, multi-line scalars) is an error, so
 * the manifest stays in this simple, readable subset.
 */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

interface Line {
  indent: number;
  text: string;
  no: number;
}

function scalar(raw: string, no: number): YamlValue {
  const v = raw.trim();
  if (v === '') return null;
  if (v.startsWith('"')) {
    if (!v.endsWith('"') || v.length < 2) throw new Error(`line ${no}: unterminated string`);
    return JSON.parse(v) as string;
  }
  if (v.startsWith("'")) {
    if (!v.endsWith("'") || v.length < 2) throw new Error(`line ${no}: unterminated string`);
    return v.slice(1, -1).replace(/''/g, "'");
  }
  if (/^[[{&*!|>]/.test(v)) throw new Error(`line ${no}: unsupported YAML syntax "${v}"`);
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (v === 'null' || v === '~') return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

function stripComment(text: string): string {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || text[i - 1] === ' ')) return text.slice(0, i).trimEnd();
  }
  return text.trimEnd();
}

function splitKey(text: string, no: number): [string, string] {
  const m = /^([A-Za-z0-9_./-]+):(?:\s+(.*))?$/.exec(text);
  if (!m) throw new Error(`line ${no}: expected "key: value", got "${text}"`);
  return [m[1]!, m[2] ?? ''];
}

export function parseYaml(source: string): YamlValue {
  const lines: Line[] = [];
  source.split(/\r?\n/).forEach((raw, i) => {
    if (raw.includes('\t')) throw new Error(`line ${i + 1}: tabs are not allowed`);
    const text = stripComment(raw);
    if (text.trim() === '') return;
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), no: i + 1 });
  });
  let pos = 0;

  function block(indent: number): YamlValue {
    const first = lines[pos];
    if (!first || first.indent < indent) return null;
    return first.text.startsWith('- ') || first.text === '-' ? sequence(first.indent) : mapping(first.indent);
  }

  function mapping(indent: number, seed?: [string, string, number]): { [key: string]: YamlValue } {
    const out: { [key: string]: YamlValue } = {};
    const put = (key: string, rest: string, no: number) => {
      if (key in out) throw new Error(`line ${no}: duplicate key "${key}"`);
      out[key] = rest === '' ? block(indent + 1) : scalar(rest, no);
    };
    if (seed) put(...seed);
    while (pos < lines.length && lines[pos]!.indent === indent && !lines[pos]!.text.startsWith('- ')) {
      const line = lines[pos++]!;
      const [key, rest] = splitKey(line.text, line.no);
      put(key, rest, line.no);
    }
    if (pos < lines.length && lines[pos]!.indent > indent) throw new Error(`line ${lines[pos]!.no}: unexpected indentation`);
    return out;
  }

  function sequence(indent: number): YamlValue[] {
    const out: YamlValue[] = [];
    while (pos < lines.length && lines[pos]!.indent === indent && lines[pos]!.text.startsWith('-')) {
      const line = lines[pos++]!;
      const item = line.text.replace(/^-\s*/, '');
      if (item === '') out.push(block(indent + 1));
      else if (/^[A-Za-z0-9_./-]+:(\s|$)/.test(item)) {
        const [key, rest] = splitKey(item, line.no);
        // The mapping's other keys line up with the first key, two columns right of the dash.
        out.push(mapping(indent + 2, [key, rest, line.no]));
      } else out.push(scalar(item, line.no));
    }
    return out;
  }

  const result = block(0);
  if (pos < lines.length) throw new Error(`line ${lines[pos]!.no}: could not parse "${lines[pos]!.text}"`);
  return result;
}
