import fs from 'node:fs';

/** One instruction of a Dockerfile, with JSON-form arguments already parsed. */
export type Instruction =
  | { op: 'FROM'; image: string; stage?: string }
  | { op: 'WORKDIR'; dir: string }
  | { op: 'COPY'; from?: string; sources: string[]; dest: string }
  | { op: 'RUN'; command: string }
  | { op: 'ENV'; name: string; value: string }
  | { op: 'CMD'; argv: string[] }
  | { op: 'HEALTHCHECK'; argv: string[] }
  | { op: 'USER' | 'EXPOSE'; args: string };

export interface Stage {
  name: string;
  instructions: Instruction[];
}

function execForm(text: string): string[] {
  const argv = JSON.parse(text) as unknown;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === 'string')) throw new Error(`not an exec-form argument list: ${text}`);
  return argv;
}

/** Parses the subset of Dockerfile syntax this project's Dockerfile uses; anything else throws, so the test cannot skip a line. */
export function parseDockerfile(file: string): Stage[] {
  const lines = fs
    .readFileSync(file, 'utf8')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, op, rest] = /^(\w+)\s+(.*)$/.exec(line) ?? [];
    if (!op || rest === undefined) throw new Error(`cannot read Dockerfile line: ${line}`);
    const current = stages[stages.length - 1];
    if (op === 'FROM') {
      const [image, as, stage] = rest.split(/\s+/);
      if (as && as.toUpperCase() !== 'AS') throw new Error(`cannot read FROM line: ${line}`);
      stages.push({ name: stage ?? String(stages.length), instructions: [{ op, image: image!, stage }] });
      continue;
    }
    if (!current) throw new Error(`instruction before FROM: ${line}`);
    const push = (i: Instruction) => current.instructions.push(i);
    switch (op) {
      case 'WORKDIR':
        push({ op, dir: rest });
        break;
      case 'COPY': {
        const parts = rest.split(/\s+/);
        const fromFlag = parts[0]?.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : undefined;
        const dest = parts.pop()!;
        push({ op, from: fromFlag, sources: parts, dest });
        break;
      }
      case 'RUN':
        push({ op, command: rest });
        break;
      case 'ENV': {
        const [, name, value] = /^(\w+)=(.*)$/.exec(rest) ?? [];
        if (!name) throw new Error(`cannot read ENV line: ${line}`);
        push({ op, name, value: value! });
        break;
      }
      case 'CMD':
        push({ op, argv: execForm(rest) });
        break;
      case 'HEALTHCHECK': {
        const cmd = rest.indexOf('CMD ');
        if (cmd === -1) throw new Error(`cannot read HEALTHCHECK line: ${line}`);
        push({ op, argv: execForm(rest.slice(cmd + 4)) });
        break;
      }
      case 'USER':
      case 'EXPOSE':
        push({ op, args: rest });
        break;
      default:
        throw new Error(`the Dockerfile test does not know ${op}: teach test/app/support/dockerfile.ts`);
    }
  }
  return stages;
}
