/** The parts of GOV.UK Frontend and MoJ Frontend the UI uses; neither package ships types. */
interface DesignSystemScope {
  scope?: Element | Document;
  onError?: (error: unknown) => void;
}

declare module 'govuk-frontend' {
  export function initAll(options?: DesignSystemScope): void;
  /** Starts one component on every element in scope whose data-module names it. */
  export function createAll(
    component: abstract new (...args: never[]) => unknown,
    config: object | undefined,
    options: DesignSystemScope,
  ): unknown[];
}

declare module '@ministryofjustice/frontend' {
  export function initAll(options?: DesignSystemScope): void;
  export class FilterToggleButton {
    constructor(root: Element, config?: object);
  }
}

declare module '*.css';
