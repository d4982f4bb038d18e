/**
 * CPU accounting from /proc: user + system time of whole processes (all their threads), so a
 * worker's CPU is read from the workerd process itself rather than inferred from wall clock.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Clock ticks per second of utime/stime in /proc/<pid>/stat. */
export const clockTicks: number = (() => {
  try {
    const value = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isFinite(value) && value > 0 ? value : 100;
  } catch {
    return 100;
  }
})();

interface ProcStat {
  pid: number;
  comm: string;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name is in parentheses and may itself contain spaces or parentheses.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const comm = text.slice(open + 1, close);
  const fields = text.slice(close + 2).split(' ');
  // fields[0] is field 3 (state): ppid is field 4, utime 14, stime 15.
  return { pid, comm, ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
}

export function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Every process below `root` (children, grandchildren, …), by walking /proc. */
export function descendants(root: number): ProcStat[] {
  const all: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat) all.push(stat);
  }
  const found: ProcStat[] = [];
  const parents = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const stat of all) {
      if (parents.has(stat.ppid) && !parents.has(stat.pid)) {
        parents.add(stat.pid);
        found.push(stat);
        grew = true;
      }
    }
  }
  return found;
}

/** The workerd processes started (directly or not) by `root`, e.g. a `wrangler dev`. */
export function workerdPids(root: number): number[] {
  return descendants(root)
    .filter((p) => p.comm === 'workerd' || /(^|\/)workerd(\s|$)/.test(cmdline(p.pid)))
    .map((p) => p.pid);
}

/** Every process below `root` that is not workerd (wrangler's own Node processes, esbuild). */
export function nonWorkerdPids(root: number): number[] {
  const workerd = new Set(workerdPids(root));
  return [
    root,
    ...descendants(root)
      .map((p) => p.pid)
      .filter((pid) => !workerd.has(pid)),
  ];
}

/**
 * What a workerd process of `wrangler dev` does: the one with an inspector runs the worker (with
 * wrangler's entry worker in front of it); the other is wrangler's proxy that owns the public port.
 */
export function workerdRole(pid: number): 'worker' | 'proxy' {
  return cmdline(pid).includes('--inspector-addr') ? 'worker' : 'proxy';
}

/** The version of a running workerd, from its own binary. */
export function workerdVersion(pid: number): string {
  try {
    return execFileSync(readlinkSync(`/proc/${pid}/exe`), ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** utime + stime of one process in clock ticks (0 when it is gone). */
export function cpuTicks(pid: number): number {
  return readStat(pid)?.ticks ?? 0;
}

export type CpuSample = Map<number, number>;

export function sampleCpu(pids: readonly number[]): CpuSample {
  return new Map(pids.map((pid) => [pid, cpuTicks(pid)]));
}

/** CPU milliseconds spent between two samples, summed over the processes of `after`. */
export function cpuMsBetween(before: CpuSample, after: CpuSample): number {
  let ticks = 0;
  for (const [pid, value] of after) ticks += value - (before.get(pid) ?? 0);
  return (ticks * 1000) / clockTicks;
}

/** Samples CPU of a changing set of processes (wrangler may restart workerd) around a phase. */
export class CpuMeter {
  readonly #pidsOf: () => number[];
  #before: CpuSample = new Map();

  constructor(pidsOf: () => number[]) {
    this.#pidsOf = pidsOf;
  }

  start(): void {
    this.#before = sampleCpu(this.#pidsOf());
  }

  /** CPU ms since `start()`. */
  stop(): number {
    return cpuMsBetween(this.#before, sampleCpu(this.#pidsOf()));
  }

  /** CPU ms since `start()`, per process. */
  stopPerProcess(): Map<number, number> {
    const after = sampleCpu(this.#pidsOf());
    return new Map([...after].map(([pid, ticks]) => [pid, ((ticks - (this.#before.get(pid) ?? 0)) * 1000) / clockTicks]));
  }
}

/** TCP ports `pid` listens on (from its socket descriptors and /proc/net/tcp{,6}). */
export function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match?.[1]) inodes.add(match[1]);
      } catch {
        // closed meanwhile
      }
    }
  } catch {
    return [];
  }
  const ports = new Set<number>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // local_address is field 1 (hex ip:port), st field 3 (0A = LISTEN), inode field 9.
      if (fields[3] !== '0A' || !inodes.has(fields[9] ?? '')) continue;
      const port = Number.parseInt(fields[1]?.split(':')[1] ?? '', 16);
      if (Number.isFinite(port)) ports.add(port);
    }
  }
  return [...ports].sort((a, b) => a - b);
}
