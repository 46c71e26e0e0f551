// Preloaded into the CLI process by the benchmark (node --import) where GNU time is missing: on
// exit, writes the process's peak resident set size (getrusage ru_maxrss, KiB) and its user and
// system CPU time (µs) to the file named by PGDRIFT_BENCH_RSS, as "maxrss user system".
import { writeFileSync } from 'node:fs';

const file = process.env.PGDRIFT_BENCH_RSS;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(file, `${usage.maxRSS} ${usage.userCPUTime} ${usage.systemCPUTime}`);
  });
}
