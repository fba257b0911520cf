/** A minimal stderr progress bar for long scripts; silent when stderr is not a terminal. */
export interface Progress {
  update(done: number): void;
  done(): void;
}

export function createProgress(label: string, total: number, unit: string): Progress {
  const tty = process.stderr.isTTY;
  let last = 0;
  const render = (done: number) => {
    const frac = total > 0 ? Math.min(1, done / total) : 1;
    const width = 30;
    const bar = '█'.repeat(Math.round(frac * width)).padEnd(width, '░');
    process.stderr.write(`\r${label} ${bar} ${(frac * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${unit}`);
  };
  return {
    update(done) {
      if (!tty) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      render(done);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}
