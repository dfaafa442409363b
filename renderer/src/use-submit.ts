import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from './rpc.ts';

/** A form's submit: busy while it runs, the backend's refusal as a translated message. */
export function useSubmit<V, R>(call: (values: V) => Promise<R>, onDone?: (result: R) => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (values: V): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      onDone?.(await call(values));
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, submit };
}
