import { createHash } from 'node:crypto';

/** Shebang flags Upstash accepts and open-source Redis rejects ("Unexpected flag in script shebang"). */
const upstashOnlyFlags = new Set(['allow-key-locking']);

const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');

/** The script as plain Redis will run it. */
export function forRedis(script: string): string {
  const newline = script.indexOf('\n');
  const firstLine = newline === -1 ? script : script.slice(0, newline);
  if (!firstLine.startsWith('#!')) return script;
  const line = firstLine.replace(/\bflags=(\S*)/, (_match, flags: string) => {
    const kept = flags.split(',').filter((flag) => flag && !upstashOnlyFlags.has(flag));
    return `flags=${kept.join(',')}`;
  });
  return line + script.slice(firstLine.length);
}

export interface PreparedCommand {
  args: string[];
  /** Maps Redis's reply back to what Upstash would have answered. */
  reply: (value: unknown) => unknown;
}

const same = (value: unknown) => value;

/**
 * Rewriting a script changes its SHA1, while clients (e.g. @upstash/ratelimit) call EVALSHA with
 * the SHA1 of the text they sent. This remembers which Redis SHA1 stands for which client SHA1.
 */
export class ScriptTable {
  readonly #redisSha = new Map<string, string>();

  prepare(command: string[]): PreparedCommand {
    const [name = '', first, ...rest] = command;
    const verb = name.toUpperCase();
    if ((verb === 'EVAL' || verb === 'EVAL_RO') && first !== undefined) {
      return { args: [name, this.#learn(first), ...rest], reply: same };
    }
    if ((verb === 'EVALSHA' || verb === 'EVALSHA_RO') && first !== undefined) {
      return { args: [name, this.#translate(first), ...rest], reply: same };
    }
    if (verb !== 'SCRIPT' || first === undefined) return { args: command, reply: same };
    const sub = first.toUpperCase();
    if (sub === 'LOAD' && rest[0] !== undefined) {
      const script = rest[0];
      return { args: [name, first, this.#learn(script)], reply: () => sha1(script) };
    }
    if (sub === 'EXISTS') return { args: [name, first, ...rest.map((sha) => this.#translate(sha))], reply: same };
    if (sub === 'FLUSH') this.#redisSha.clear();
    return { args: command, reply: same };
  }

  #learn(script: string): string {
    const rewritten = forRedis(script);
    if (rewritten !== script) this.#redisSha.set(sha1(script), sha1(rewritten));
    return rewritten;
  }

  #translate(sha: string): string {
    return this.#redisSha.get(sha.toLowerCase()) ?? sha;
  }
}
