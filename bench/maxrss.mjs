// Preloaded into the CLI process by the benchmark (node --import): on exit, writes the process's
// peak resident set size (getrusage ru_maxrss, in KiB) to the file named by PGDRIFT_BENCH_RSS.
import { writeFileSync } from 'node:fs';

const file = process.env.PGDRIFT_BENCH_RSS;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
