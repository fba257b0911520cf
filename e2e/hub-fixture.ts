import type { APIRequestContext } from '@playwright/test';

/** The hub stand-in the e2e run starts (playwright.config.ts), and the random GPT-2 it serves. */
export const HUB_PORT = Number(process.env.E2E_HUB_PORT ?? 3210);
export const HUB = `http://127.0.0.1:${HUB_PORT}`;
export const HUB_REPO = 'wve-test/gpt2-tiny-random';

export interface HubLogEntry {
  method: string;
  origin: 'hub' | 'cdn';
  path: string;
  range: string | null;
  status: number;
  bytes: number;
}

/** The stand-in's test controls: cut or stall the next bodies, go offline, and its request log. */
export const hubControl = {
  reset: async (request: APIRequestContext) => {
    await request.delete(`${HUB}/__control`);
    await request.delete(`${HUB}/__log`);
  },
  set: (request: APIRequestContext, control: { cutAfter?: number; cutTimes?: number; cutPauseMs?: number; offline?: boolean }) => request.post(`${HUB}/__control`, { data: control }),
  log: async (request: APIRequestContext): Promise<HubLogEntry[]> => (await request.get(`${HUB}/__log`)).json(),
  clearLog: (request: APIRequestContext) => request.delete(`${HUB}/__log`),
};
