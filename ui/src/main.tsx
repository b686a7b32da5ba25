import 'govuk-frontend/dist/govuk/govuk-frontend.min.css';
import '@ministryofjustice/frontend/moj/moj-frontend.min.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';

// What GOV.UK Frontend's page template does inline; a module script keeps the CSP strict.
document.body.classList.add('js-enabled', 'govuk-frontend-supported');
// In development, StrictMode runs every effect twice: anything that would start a design
// system component twice, or finish a sign-in twice, shows up at once.
createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
