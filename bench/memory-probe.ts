/**
 * Loaded into the measured server with `--import` by one-box-memory.ts: on SIGUSR2 it writes the
 * main thread's process.memoryUsage() to stderr as one marked JSON line. Not part of the product.
 */
process.on("SIGUSR2", () => {
  process.stderr.write(`memory-probe ${JSON.stringify(process.memoryUsage())}\n`);
});
