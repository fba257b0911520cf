'use client';
/**
 * The vector sets a page can open: this site's (/data/index.json: a route on the server build, a
 * file on the static one) and those kept in this browser (its Origin Private File System,
 * lib/vectors/local-sets.ts). The browser's list is shared by everything on the page and read
 * again after an import or a removal (refreshLocalSets).
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import { withBase } from '@/app/base-path';
import { OpfsStore } from '@/lib/hub/opfs-store';
import { listLocalSets } from '@/lib/vectors/local-sets';
import type { SetIndex } from '@/lib/vectors/set-index';

/** A set kept in this browser, as the set menu shows it. */
export interface LocalSetSummary {
  name: string;
  title: string;
  count: number;
  dims: number;
  bytes: number;
  /** The manifest's checksum: it changes when the set is imported again under the same name. */
  checksum: string;
}

export interface LocalSets {
  /** False where the browser keeps no files for sites (no Origin Private File System); `reason` says why. */
  available: boolean;
  reason?: string;
  sets: LocalSetSummary[];
  broken: { name: string; error: string }[];
}

export type SetIndexState = { status: 'loading' } | { status: 'ready'; index: SetIndex; local: LocalSets } | { status: 'error'; error: string };

let local: LocalSets | null = null;
let serverNames = new Set<string>();
const listeners = new Set<() => void>();

/** Reads the sets kept in this browser again and updates every part of the page that lists them. */
export async function refreshLocalSets(): Promise<LocalSets> {
  try {
    const list = await listLocalSets(OpfsStore.open());
    local = {
      available: true,
      sets: list.sets.map(({ manifest: m, bytes }) => ({ name: m.name, title: m.title, count: m.count, dims: m.dims, bytes, checksum: m.checksum })),
      broken: list.broken,
    };
  } catch (e) {
    local = { available: false, reason: (e as Error).message, sets: [], broken: [] };
  }
  for (const listener of listeners) listener();
  return local;
}

/** True when `name` is a set kept in this browser that no set of this site shadows: the vectors worker opens it from there. */
export function isLocalSet(name: string): boolean {
  return !serverNames.has(name) && (local?.sets.some((s) => s.name === name) ?? false);
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** The checksum of the kept set `name` (null for any other set): a page that shows it opens it again when it is replaced. */
export function useLocalSetVersion(name: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => (isLocalSet(name) ? (local?.sets.find((s) => s.name === name)?.checksum ?? null) : null),
    () => null,
  );
}

export function useSetIndex(): SetIndexState {
  const [server, setServer] = useState<{ status: 'loading' } | { status: 'ready'; index: SetIndex } | { status: 'error'; error: string }>({ status: 'loading' });
  const kept = useSyncExternalStore(subscribe, () => local, () => null);
  useEffect(() => {
    let live = true;
    fetch(withBase('/data/index.json'), { cache: 'no-cache' })
      .then(async (res) => {
        // The detail of a translated sentence (vectors.sets.listFailed): the address and the status, no prose.
        if (!res.ok) throw new Error(`${withBase('/data/index.json')}: HTTP ${res.status}`);
        return (await res.json()) as SetIndex;
      })
      .then(
        (index) => {
          serverNames = new Set(index.sets.map((s) => s.name));
          if (live) setServer({ status: 'ready', index });
        },
        (e: Error) => live && setServer({ status: 'error', error: e.message }),
      );
    void refreshLocalSets();
    return () => {
      live = false;
    };
  }, []);
  if (server.status !== 'ready') return server;
  return kept ? { status: 'ready', index: server.index, local: kept } : { status: 'loading' };
}

/** What the set menu needs to import and remove kept sets; given by SetsGate. */
export interface LocalSetsContextValue extends LocalSets {
  /** The site's set names, which a kept set may not take. */
  serverNames: string[];
}

export const LocalSetsContext = createContext<LocalSetsContextValue | null>(null);

/** The kept sets of the page's SetsGate, or null outside one. */
export function useLocalSets(): LocalSetsContextValue | null {
  return useContext(LocalSetsContext);
}
