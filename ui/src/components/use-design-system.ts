import { initAll as initGovuk } from 'govuk-frontend';
import { initAll as initMoj } from '@ministryofjustice/frontend';
import { useEffect, useRef } from 'react';

/**
 * Starts the GOV.UK and MoJ JavaScript components (`data-module`) inside the element the
 * returned ref is put on, once per mount of that element. The ref goes on an element
 * around the component's markup (the libraries look only inside their scope). Components
 * that render such markup call this themselves, so markup that appears after data loads
 * is started too.
 */
export const useDesignSystem = <T extends HTMLElement>() => {
  const ref = useRef<T>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!ref.current || started.current) return;
    started.current = true;
    const options = { scope: ref.current, onError: (error: unknown) => console.warn(error) };
    initGovuk(options);
    initMoj(options);
  }, []);
  return ref;
};
