// The end-of-day close (日结) on the partner scenario: refused until every
// warning has a word, then signed and intact; tampering through the database
// file itself (an event changed, deleted or moved in, the close edited or
// deleted) is shown with what was done. And a day closed while the window is
// still open files what comes later under the next day.
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RpcClient } from '../../shared/rpc/client.ts';
import { call, refusal, setUpDevice, staffClient, startInProcess, withDb, type BackendUnderTest } from './harness.ts';
import { dayFromToday, intakeOf, PENSION, record, summaryOf, ZHANG } from './supervision/helpers.ts';
import { partnerScenarioForFile } from './supervision/partner-scenario.ts';

describe('the supervisor of an intake window, and of its partner desk', () => {
  const s = partnerScenarioForFile();

  describe('warnings and the end-of-day close', () => {
    let closedEvents: { event_id: string; type: string }[];

    it('warns of the yellow deadline and the bad rating to rectify, and refuses a close until each has a word', async () => {
      const warnings = await call(s.supervisor.client, 'supervision.warnings', {});
      expect(warnings.today).toBe(s.today);
      expect(warnings.items.map((w) => [w.kind, w.caseNo])).toEqual([
        ['deadline_yellow', s.cases.B.caseNo],
        ['rectification_open', s.cases.R.caseNo],
      ]);
      expect(warnings.counts).toMatchObject({
        deadline_yellow: 1,
        rectification_open: 1,
        bad_evaluation: 0,
        deadline_red: 0,
      });

      const preview = await call(s.supervisor.client, 'supervision.closePreview', { day: s.yesterday });
      expect(preview.summary).toEqual({
        cases: 1,
        received: 1,
        decided: 0,
        corrections: 0,
        collected: 0,
        consultations: 0,
        events: 2,
        byMatter: [{ key: PENSION, label: null, count: 1 }],
      });
      expect(preview.warnings.map((w) => w.key)).toEqual(warnings.items.map((w) => w.key));
      expect(preview.closed).toBeNull();

      expect(
        await refusal(s.supervisor.client.request('supervision.closeDay', { day: dayFromToday(1), comments: [] })),
      ).toMatchObject({ reason: 'day_in_future' });
      expect(
        await refusal(s.supervisor.client.request('supervision.closeDay', { day: s.yesterday, comments: [] })),
      ).toMatchObject({
        code: 'REJECTED',
        reason: 'warnings_unanswered',
        params: { count: 2 },
      });
      const one = [{ key: warnings.items[0]!.key, comment: '已电话提醒审批地加快办理。' }];
      expect(
        await refusal(s.supervisor.client.request('supervision.closeDay', { day: s.yesterday, comments: one })),
      ).toMatchObject({
        reason: 'warnings_unanswered',
        params: { count: 1 },
      });
      expect(
        await refusal(s.clerk1.client.request('supervision.closeDay', { day: s.yesterday, comments: one })),
      ).toMatchObject({
        code: 'PERMISSION_DENIED',
      });
      expect((await call(s.supervisor.client, 'supervision.closedDays', {})).map((c) => c.day)).toEqual([]);
    });

    it('closes the day signed and intact; the deadline and the rectification, not closed, stay', async () => {
      const warnings = (await call(s.supervisor.client, 'supervision.warnings', {})).items;
      const comments = warnings.map((w) => ({
        key: w.key,
        comment: w.kind === 'rectification_open' ? '已指派整改，待回访申请人。' : '已电话提醒审批地加快办理。',
      }));
      const closed = await call(s.supervisor.client, 'supervision.closeDay', { day: s.yesterday, comments });
      expect(closed).toMatchObject({
        day: s.yesterday,
        closedBy: s.supervisor.displayName,
        events: 2,
        intact: true,
        problems: [],
        summary: { cases: 1, received: 1, events: 2 },
      });
      expect(closed.comments).toEqual(
        warnings.map((w, i) => ({ key: w.key, comment: comments[i]!.comment, kind: w.kind, caseNo: w.caseNo })),
      );
      expect(await call(s.supervisor.client, 'supervision.closedDays', {})).toEqual([closed]);
      expect((await s.ledger(s.supervisor.client, { day: s.yesterday })).closed).toBe(true);
      expect((await call(s.auditor, 'audit.list', { action: 'day.close' })).rows[0]).toMatchObject({
        userId: s.supervisor.userId,
        target: s.yesterday,
        detail: { events: 2, warnings: 2 },
      });

      const after = await call(s.supervisor.client, 'supervision.warnings', {});
      // A rectification item warns until it is closed in its own tab, whatever a close said of it.
      expect(after.items.map((w) => [w.kind, w.caseNo])).toEqual([
        ['deadline_yellow', s.cases.B.caseNo],
        ['rectification_open', s.cases.R.caseNo],
      ]);
      expect(
        await refusal(s.supervisor.client.request('supervision.closeDay', { day: s.yesterday, comments })),
      ).toMatchObject({ reason: 'day_already_closed' });

      closedEvents = withDb(
        s.window.dbFile,
        (db) =>
          db
            .prepare(
              `SELECT e.event_id, e.type FROM event_chain l JOIN case_events e USING (event_id)
               WHERE l.day = ? ORDER BY l.seq`,
            )
            .all(s.yesterday) as { event_id: string; type: string }[],
      );
      expect(closedEvents.map((e) => e.type)).toEqual(['case.received', 'case.materials_checked']);
    });

    // Someone with the database file, outside the app: a connection of their own, no app code.
    function tamper<T>(work: (db: DatabaseSync) => T): T {
      const db = new DatabaseSync(s.window.dbFile, { timeout: 5000, enableForeignKeyConstraints: false });
      try {
        return work(db);
      } finally {
        db.close();
      }
    }
    const closeOfYesterday = async () =>
      (await call(s.supervisor.client, 'supervision.closedDays', {})).find((c) => c.day === s.yesterday)!;

    it.each([
      ['occurred_at', (v: string) => new Date(Date.parse(v) - 3_600_000).toISOString()],
      ['payload_enc', (v: string) => `${v.slice(0, -2)}${v.endsWith('AA') ? 'BB' : 'AA'}`],
      ['actor_user_id', () => 'someone-else'],
    ])('shows an edit of %s of a closed event, naming its case', async (column, change) => {
      const target = closedEvents[0]!;
      const original = tamper(
        (db) =>
          (
            db.prepare(`SELECT ${column} AS v FROM case_events WHERE event_id = ?`).get(target.event_id) as {
              v: string;
            }
          ).v,
      );
      tamper((db) =>
        db.prepare(`UPDATE case_events SET ${column} = ? WHERE event_id = ?`).run(change(original), target.event_id),
      );
      expect(await closeOfYesterday()).toMatchObject({
        intact: false,
        problems: [{ kind: 'changed', eventId: target.event_id, caseNo: s.cases.O.caseNo }],
      });
      tamper((db) =>
        db.prepare(`UPDATE case_events SET ${column} = ? WHERE event_id = ?`).run(original, target.event_id),
      );
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it('shows a closed event deleted from the file as missing', async () => {
      const target = closedEvents[1]!;
      const row = tamper((db) =>
        db.prepare('SELECT * FROM case_events WHERE event_id = ?').get(target.event_id),
      ) as Record<string, string | number | null>;
      tamper((db) => db.prepare('DELETE FROM case_events WHERE event_id = ?').run(target.event_id));
      expect(await closeOfYesterday()).toMatchObject({
        intact: false,
        problems: [{ kind: 'missing', eventId: target.event_id }],
      });
      const columns = Object.keys(row);
      tamper((db) =>
        db
          .prepare(`INSERT INTO case_events (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...Object.values(row)),
      );
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it("shows an edit of the close's own record as a broken signature", async () => {
      const summary = tamper(
        (db) =>
          (db.prepare('SELECT summary FROM day_closes WHERE day = ?').get(s.yesterday) as { summary: string }).summary,
      );
      tamper((db) =>
        db
          .prepare('UPDATE day_closes SET summary = ? WHERE day = ?')
          .run(summary.replace('"cases":1', '"cases":0'), s.yesterday),
      );
      const close = await closeOfYesterday();
      expect(close).toMatchObject({ intact: false, problems: [{ kind: 'signature', eventId: null, caseNo: null }] });
      expect(close.summary.cases).toBe(0);
      tamper((db) => db.prepare('UPDATE day_closes SET summary = ? WHERE day = ?').run(summary, s.yesterday));
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it('shows a close deleted from the file as removed, from the audit log, and will not sign that day again', async () => {
      const row = tamper((db) => db.prepare('SELECT * FROM day_closes WHERE day = ?').get(s.yesterday)) as Record<
        string,
        string | number | null
      >;
      tamper((db) => db.prepare('DELETE FROM day_closes WHERE day = ?').run(s.yesterday));
      const close = await closeOfYesterday();
      expect(close).toMatchObject({
        intact: false,
        events: row.events,
        chainHash: row.chain_hash,
        problems: [{ kind: 'removed', eventId: null, caseNo: null }],
      });
      // The close form shows the day closed and broken, rather than offering to sign it.
      expect((await call(s.supervisor.client, 'supervision.closePreview', { day: s.yesterday })).closed).toMatchObject({
        intact: false,
        problems: [{ kind: 'removed' }],
      });
      expect(
        await refusal(s.supervisor.client.request('supervision.closeDay', { day: s.yesterday, comments: [] })),
      ).toMatchObject({ reason: 'day_already_closed' });
      const columns = Object.keys(row);
      tamper((db) =>
        db
          .prepare(`INSERT INTO day_closes (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`)
          .run(...Object.values(row)),
      );
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });

    it('shows a later event moved into the closed day as added', async () => {
      const later = tamper(
        (db) =>
          db.prepare('SELECT event_id FROM event_chain WHERE day = ? ORDER BY seq LIMIT 1').get(s.today) as {
            event_id: string;
          },
      );
      tamper((db) => db.prepare('UPDATE event_chain SET day = ? WHERE event_id = ?').run(s.yesterday, later.event_id));
      expect(await closeOfYesterday()).toMatchObject({
        intact: false,
        problems: [{ kind: 'added', eventId: later.event_id }],
      });
      tamper((db) => db.prepare('UPDATE event_chain SET day = ? WHERE event_id = ?').run(s.today, later.event_id));
      expect(await closeOfYesterday()).toMatchObject({ intact: true, problems: [] });
    });
  });
});

// ================================================================ a day closed before it ends

describe('a day closed while the window is still open', () => {
  let device: BackendUnderTest;
  let clerk: RpcClient;
  let supervisor: RpcClient;
  const today = dayFromToday(0);
  const tomorrow = dayFromToday(1);

  beforeAll(async () => {
    device = startInProcess();
    const { admin } = await setUpDevice(device);
    clerk = await staffClient(device, admin, ['intake_clerk']);
    supervisor = await staffClient(device, admin, ['supervisor']);
  });
  afterAll(() => device?.stop());

  it('files what is recorded after the close under the next day, so the closed day stays intact', async () => {
    const { caseId, caseNo } = await call(clerk, 'intake.submit', intakeOf(PENSION, ZHANG));
    expect((await call(supervisor, 'supervision.warnings', {})).items).toEqual([]);
    const closed = await call(supervisor, 'supervision.closeDay', { day: today, comments: [] });
    expect(closed).toMatchObject({ day: today, events: 2, intact: true });

    // Later the same day: a note at the window.
    await record(clerk, caseId, 'case.note_added', { text: '申请人来电询问进度。' });
    const [again] = await call(supervisor, 'supervision.closedDays', {});
    expect(again).toMatchObject({ day: today, intact: true, problems: [] });

    const closedDay = await call(supervisor, 'supervision.ledger', { day: today });
    expect(closedDay.closed).toBe(true);
    expect(summaryOf(closedDay)).toEqual([
      {
        caseNo,
        activities: [
          ['case.received', expect.any(String), 'intake_clerk'],
          ['case.materials_checked', expect.any(String), 'intake_clerk'],
        ],
      },
    ]);
    const next = await call(supervisor, 'supervision.ledger', { day: tomorrow });
    expect(summaryOf(next)).toEqual([
      { caseNo, activities: [['case.note_added', expect.any(String), 'intake_clerk']] },
    ]);
    expect(next.closed).toBe(false);
  });
});
