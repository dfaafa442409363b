// Each event's signature by the device that made it, over its content hash,
// kept as pushed so every device that pulls the event can check it. Events
// taken before signatures were kept have none.
import type { Migration } from '../../migrate.ts';

export const migration0002: Migration = {
  version: 2,
  name: 'event-signatures',
  up(db) {
    db.exec('ALTER TABLE events ADD COLUMN signature TEXT');
  },
};
