// Each event's signature by the device that made it, over its content hash,
// kept as pushed so every device that pulls the event can check it. Events
// taken before signatures were kept have none.
import type { PostgresMigration } from './types.ts';

export const migration0002: PostgresMigration = {
  version: 2,
  name: 'event-signatures',
  sql: 'ALTER TABLE events ADD COLUMN signature text',
};
