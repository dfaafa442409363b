// The applicant's screen's own entry: the same transport as the app, but only
// the applicant's methods, called with the token a pairing code was redeemed for.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { initI18n } from '../i18n.ts';
import { ApplicantApp } from './ApplicantApp.tsx';
import '../global.css';

await initI18n();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ApplicantApp />
  </StrictMode>,
);
