import fs from "node:fs";

export type MemorySample = { treeRssMb: number; processes: number };

/**
 * Peak resident memory of a process and all its descendants, sampled from /proc. VmHWM alone
 * would miss children, and a sum of per-process peaks would overstate what was ever held at once.
 */
export function watchProcessTree(rootPid: number, everyMs = 100) {
  let peakTreeMb = 0;
  const peakHwmMb = new Map<number, { name: string; mb: number }>();

  const sample = () => {
    let total = 0;
    for (const pid of descendants(rootPid)) {
      const status = readStatus(pid);
      if (!status) continue;
      total += status.rssMb;
      const known = peakHwmMb.get(pid);
      if (!known || status.hwmMb > known.mb)
        peakHwmMb.set(pid, { name: status.name, mb: status.hwmMb });
    }
    peakTreeMb = Math.max(peakTreeMb, total);
  };
  sample();
  const timer = setInterval(sample, everyMs);

  return {
    /** Stops sampling (take a last sample first, while the processes still run). */
    stop() {
      sample();
      clearInterval(timer);
      const largest = [...peakHwmMb.values()].sort((a, b) => b.mb - a.mb)[0];
      return {
        peakTreeMb,
        largestProcessHwmMb: largest?.mb ?? 0,
        perProcess: [...peakHwmMb.values()],
      };
    },
  };
}

function descendants(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = parentOf(Number(entry));
    if (parent === undefined) continue;
    children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const found = [rootPid];
  for (let index = 0; index < found.length; index++)
    found.push(...(children.get(found[index]) ?? []));
  return found;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may hold spaces and parentheses: fields resume after the last ")".
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return undefined;
  }
}

function readStatus(pid: number): { name: string; rssMb: number; hwmMb: number } | undefined {
  try {
    const text = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
    const name = /^Name:\s+(.*)$/m.exec(text)?.[1] ?? "?";
    return { name, rssMb: kb("VmRSS") / 1024, hwmMb: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}
