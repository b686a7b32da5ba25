/**
 * A message for the next page to show once, as GOV.UK services confirm a completed
 * action on the page they return to ("Information requested").
 */
let pending: string | null = null;

export const setFlash = (message: string) => {
  pending = message;
};

/** The message, if one is waiting; it is shown once. */
export const takeFlash = () => {
  const message = pending;
  pending = null;
  return message;
};
