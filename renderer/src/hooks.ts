import { useEffect, useState } from 'react';
import type { ConnectionState } from '../../shared/rpc/client.ts';
import { api } from './backend.ts';

export function useConnectionState(): ConnectionState {
  const [state, setState] = useState(api.connectionState());
  useEffect(() => api.onConnectionChange(setState), []);
  return state;
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const update = (): void => setOnline(navigator.onLine);
    window.addEventListener('online', update);
    window.addEventListener('offline', update);
    return () => {
      window.removeEventListener('online', update);
      window.removeEventListener('offline', update);
    };
  }, []);
  return online;
}
