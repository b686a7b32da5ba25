import { initAll as initGovuk } from 'govuk-frontend';
import { initAll as initMoj } from '@ministryofjustice/frontend';
import { useEffect, useRef } from 'react';

/**
 * Starts the GOV.UK and MoJ JavaScript components (`data-module`) inside the element the
 * returned ref is put on, once per mount of that element: neither a re-render nor React's
 * development double run of effects starts a component twice (the libraries would refuse,
 * and a second toggle button or menu would appear). The ref goes on an element around the
 * component's markup (the libraries look only inside their scope). Components that render
 * such markup call this themselves, so markup that appears after data loads is started
 * too. `start` replaces the usual start for components `initAll` leaves out.
 */
export type DesignSystemStart = (scope: HTMLElement, onError: (error: unknown) => void) => void;

const startAll: DesignSystemStart = (scope, onError) => {
  initGovuk({ scope, onError });
  initMoj({ scope, onError });
};

export const useDesignSystem = <T extends HTMLElement>(start: DesignSystemStart = startAll) => {
  const ref = useRef<T>(null);
  const started = useRef(false);
  // The start given at mount is the one used: nothing later starts the components again.
  useEffect(() => {
    if (!ref.current || started.current) return;
    started.current = true;
    start(ref.current, (error) => console.warn(error));
  }, []);
  return ref;
};
