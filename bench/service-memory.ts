import { readFile } from 'node:fs/promises';

/** Returns the peak resident set size (VmHWM) of a process in MiB, from /proc on Linux. */
export async function peakRssMiB(pid: number | undefined): Promise<number | undefined> {
  if (!pid) {
    return undefined;
  }

  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const match = /VmHWM:\s+(\d+) kB/.exec(status);

  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}
