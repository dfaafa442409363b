// The only IPC channels between main and preload: handing over a fresh
// MessagePort to the backend, saying the backend is down meanwhile, and printing.
export const PORT_REQUEST = 'tongban:port-request';
export const PORT_DELIVERY = 'tongban:port';
export const BACKEND_DOWN = 'tongban:backend-down';
export const PRINT = 'tongban:print';
