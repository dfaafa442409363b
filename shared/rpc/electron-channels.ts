// The only IPC channels between main and preload: handing over a fresh
// MessagePort to the backend, saying the backend is down meanwhile, printing,
// and opening the applicant's screen.
export const PORT_REQUEST = 'tongban:port-request';
export const PORT_DELIVERY = 'tongban:port';
export const BACKEND_DOWN = 'tongban:backend-down';
export const PRINT = 'tongban:print';
// The applicant's screen on the second display, paired by the code main passes it.
export const OPEN_APPLICANT_SCREEN = 'tongban:applicant-screen';
