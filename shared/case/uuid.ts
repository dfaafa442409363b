// UUIDv7 (RFC 9562): time-ordered ids made on the device, so case and event
// ids sort by creation and index well. Within one millisecond the 12 bits
// after the timestamp count up (the RFC's method 1), so ids made in one
// process sort in the order they were made.
let lastMs = -1;
let counter = 0;

export function uuidv7(now: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint8Array(10));
  let ms = Math.max(now, lastMs);
  if (ms === lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
  } else {
    counter = random[0]! & 0x3ff; // start low, leaving room to count
  }
  lastMs = ms;
  const bytes = new Uint8Array(16);
  let rest = ms;
  for (let i = 5; i >= 0; i -= 1) {
    bytes[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes.set(random.subarray(2), 8);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
