/** Case addresses use the case id; a reference (CSP-2026-000123) works too. */
export const isUuid = (value: string) =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

export const casePath = (caseId: string) => `/cases/${caseId}`;
export const actionPath = (caseId: string, action: string) => `/cases/${caseId}/actions/${action}`;
