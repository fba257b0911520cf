'use client';
/** The vector sets this site has (/data/index.json: a route on the server build, a file on the static one). */
import { useEffect, useState } from 'react';
import { withBase } from '@/app/base-path';
import type { SetIndex } from '@/lib/vectors/set-index';

export type SetIndexState = { status: 'loading' } | { status: 'ready'; index: SetIndex } | { status: 'error'; error: string };

export function useSetIndex(): SetIndexState {
  const [state, setState] = useState<SetIndexState>({ status: 'loading' });
  useEffect(() => {
    let live = true;
    fetch(withBase('/data/index.json'), { cache: 'no-cache' })
      .then(async (res) => {
        if (!res.ok) throw new Error(`the list of vector sets (${withBase('/data/index.json')}) answered HTTP ${res.status}`);
        return (await res.json()) as SetIndex;
      })
      .then(
        (index) => live && setState({ status: 'ready', index }),
        (e: Error) => live && setState({ status: 'error', error: e.message }),
      );
    return () => {
      live = false;
    };
  }, []);
  return state;
}
