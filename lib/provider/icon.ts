/** The wallet's icon as a data URI (EIP-6963 and the Wallet Standard both require one). */
export const COMPANION_ICON =
  'data:image/svg+xml;base64,' +
  btoa(
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="15" fill="#6b3fd4"/><path d="M16 6l9 10-9 10-9-10z" fill="#fff"/></svg>',
  );

export const COMPANION_NAME = 'Aster Companion';
/** Reverse-DNS id of the wallet for EIP-6963. */
export const COMPANION_RDNS = 'app.astercompanion';
