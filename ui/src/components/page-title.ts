import { useEffect } from 'react';

/** Sets the page title in the GOV.UK pattern, with "Error: " first while the page shows errors. */
export const usePageTitle = (title: string, hasErrors = false) => {
  useEffect(() => {
    document.title = `${hasErrors ? 'Error: ' : ''}${title} – Casework – GOV.UK`;
  }, [title, hasErrors]);
};
