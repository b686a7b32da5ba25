/** The parts of GOV.UK Frontend and MoJ Frontend the UI uses; neither package ships types. */
interface DesignSystemScope {
  scope?: Element | Document;
  onError?: (error: unknown) => void;
}

declare module 'govuk-frontend' {
  export function initAll(options?: DesignSystemScope): void;
}

declare module '@ministryofjustice/frontend' {
  export function initAll(options?: DesignSystemScope): void;
}

declare module '*.css';
