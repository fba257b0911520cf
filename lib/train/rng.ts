/**
 * The training's random numbers: mulberry32 (the generator of lib/random.ts) as raw 32-bit words,
 * with its state in the open so that the WebAssembly kernel (sgns.wat) can carry on exactly the
 * same sequence. Every draw of the trainers goes through one of these, in the same order in the
 * JavaScript and WebAssembly engines, so the two make the same sampling decisions.
 */
export class Mulberry32 {
  /** The generator's whole state (an unsigned 32-bit integer). */
  state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** The next number, uniform in [0, 2^32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}
