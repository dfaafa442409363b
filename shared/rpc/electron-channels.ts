// The only IPC channels between main and preload: handing over a fresh
// MessagePort to the backend, and saying the backend is down meanwhile.
export const PORT_REQUEST = 'tongban:port-request';
export const PORT_DELIVERY = 'tongban:port';
export const BACKEND_DOWN = 'tongban:backend-down';
