// 差评整改: the rectification items bad ratings open (rectification-projection.ts
// opens them as the rating is written here). Their steps (assign, answer,
// contact, close) follow the one table in shared/supervision/rectification.ts;
// each is audited with ids and the new state only, never what was found or said. Deadlines are counted at reading,
// in working days from the rating's local day, with the loaded calendars.
import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '../../../shared/auth/permissions.ts';
import { addWorkingDays, type CalendarYear } from '../../../shared/catalog/calendar.ts';
import { maskPhone } from '../../../shared/identity/mask.ts';
import { localDay, localDayFrom } from '../../../shared/local-time.ts';
import { rejected } from '../../../shared/rpc/framing.ts';
import {
  CONTACT_WORKING_DAYS,
  RECTIFICATION_STEPS,
  RECTIFY_WORKING_DAYS,
  stepRefusal,
  type Rectification,
  type RectificationState,
  type RectificationStep,
} from '../../../shared/supervision/rectification.ts';
import { decryptText, encryptText } from '../crypto/fields.ts';
import type { DeviceKeys } from '../crypto/keys.ts';
import { audit } from './audit.ts';
import type { CatalogService } from './catalog.ts';
import { readDocument } from './case-events.ts';

interface Row {
  case_id: string;
  event_id: string;
  case_no: string;
  matter_id: string;
  applicant_masked_name: string;
  rating: number;
  rated_at: string;
  state: RectificationState;
  assignee_user_id: string | null;
  assignee_name: string | null;
  assigned_at: string | null;
  answer_enc: string | null;
  answered_at: string | null;
  contacted_at: string | null;
  contact_method: 'phone' | 'in_person' | 'sms' | null;
  applicant_response: 'satisfied' | 'not_satisfied' | null;
  contact_note_enc: string | null;
  closed_at: string | null;
  closed_by_name: string | null;
}

const SELECT = `SELECT r.*, c.case_no, c.matter_id, c.applicant_masked_name, a.display_name AS assignee_name,
    b.display_name AS closed_by_name
  FROM rectifications r JOIN cases c USING (case_id)
  LEFT JOIN users a ON a.user_id = r.assignee_user_id LEFT JOIN users b ON b.user_id = r.closed_by`;

/** Open first, each group oldest rating first. */
const ORDER = `ORDER BY r.state = 'closed', r.rated_at, r.case_id`;

/** The deadlines of a rating given at `ratedAt`. */
export function rectificationDeadlines(ratedAt: string, calendars: readonly CalendarYear[]) {
  const day = localDay(new Date(ratedAt));
  const contact = addWorkingDays(day, CONTACT_WORKING_DAYS, calendars);
  const rectify = addWorkingDays(day, RECTIFY_WORKING_DAYS, calendars);
  return { contactBy: contact.date, rectifyBy: rectify.date, provisional: contact.provisional || rectify.provisional };
}

/** Staff an item may be assigned to: active accounts working cases. */
const STAFF_ROLES: ReadonlySet<Role> = new Set(['intake_clerk', 'result_desk', 'handling_officer', 'supervisor']);

export interface RectificationFilter {
  state: 'open' | 'overdue' | 'closed' | 'all';
  assigneeUserId?: string | undefined;
}

type Key = { caseId: string; eventId: string };

export class Rectifications {
  private readonly db: DatabaseSync;
  private readonly keys: DeviceKeys;
  private readonly catalog: CatalogService;

  constructor(db: DatabaseSync, keys: DeviceKeys, catalog: CatalogService) {
    this.db = db;
    this.keys = keys;
    this.catalog = catalog;
  }

  list(filter: RectificationFilter, today = localDay(new Date())) {
    return { today, items: this.matching(filter, today), staff: this.staff() };
  }

  assign(userId: string, key: Key & { assigneeUserId: string }): Rectification {
    const assignee = this.staff().find((s) => s.userId === key.assigneeUserId);
    if (!assignee) {
      throw rejected('rectification_assignee_unknown', 'Assign the item to an active member of staff.');
    }
    return this.step(userId, key, 'assign', { assignee_user_id: assignee.userId, assigned_at: now() });
  }

  answer(userId: string, key: Key & { findings: string; actions: string }): Rectification {
    const answer = JSON.stringify({ findings: key.findings, actions: key.actions });
    return this.step(userId, key, 'answer', {
      answer_enc: encryptText(this.keys.fields, answer, fieldContext('answer', key)),
      answered_at: now(),
    });
  }

  contact(
    userId: string,
    key: Key & { contactedAt: string; method: string; response: string; note?: string | undefined },
  ): Rectification {
    const at = new Date(key.contactedAt);
    const rated = this.row(key).rated_at;
    if (at.getTime() > Date.now() || at.getTime() < Date.parse(rated)) {
      throw rejected(
        'rectification_contact_time',
        'The applicant was contacted after the rating, and not later than now.',
      );
    }
    return this.step(
      userId,
      key,
      'contact',
      {
        contacted_at: at.toISOString(),
        contact_method: key.method,
        applicant_response: key.response,
        contact_note_enc: key.note ? encryptText(this.keys.fields, key.note, fieldContext('contact', key)) : null,
      },
      { method: key.method, response: key.response },
    );
  }

  close(userId: string, key: Key): Rectification {
    return this.step(userId, key, 'close', { closed_at: now(), closed_by: userId });
  }

  /** Items not closed, for the warnings: overdue past their rectification deadline. */
  unclosed(today: string): Rectification[] {
    return this.matching({ state: 'open' }, today);
  }

  /** The items opened by ratings given in [from, to] (local days), as they stand today. */
  stats(from: string, to: string, today = localDay(new Date())) {
    // A day either side in the index, whatever the offset a rating was written with; the local day decides.
    const rows = this.db
      .prepare(`${SELECT} WHERE r.rated_at BETWEEN ? AND ? ${ORDER}`)
      .all(
        localDayFrom(new Date(`${from}T12:00:00`), -2),
        localDayFrom(new Date(`${to}T12:00:00`), 2),
      ) as unknown as Row[];
    const items = rows
      .filter((r) => {
        const day = localDay(new Date(r.rated_at));
        return day >= from && day <= to;
      })
      .map((r) => this.item(r, today));
    const closed = items.filter((i) => i.state === 'closed').length;
    return {
      opened: items.length,
      open: items.length - closed,
      closed,
      overdue: items.filter((i) => i.overdue).length,
    };
  }

  private matching(filter: RectificationFilter, today: string): Rectification[] {
    const where =
      filter.state === 'closed' ? "r.state = 'closed'" : filter.state === 'all' ? '1' : "r.state <> 'closed'";
    const rows = this.db
      .prepare(`${SELECT} WHERE ${where} AND (? IS NULL OR r.assignee_user_id = ?) ${ORDER}`)
      .all(filter.assigneeUserId ?? null, filter.assigneeUserId ?? null) as unknown as Row[];
    const items = rows.map((r) => this.item(r, today));
    return filter.state === 'overdue' ? items.filter((i) => i.overdue) : items;
  }

  private staff(): { userId: string; displayName: string }[] {
    const users = this.db
      .prepare('SELECT user_id, display_name, roles FROM users WHERE active = 1 ORDER BY display_name, user_id')
      .all() as { user_id: string; display_name: string; roles: string }[];
    return users
      .filter((u) => (JSON.parse(u.roles) as Role[]).some((role) => STAFF_ROLES.has(role)))
      .map((u) => ({ userId: u.user_id, displayName: u.display_name }));
  }

  private row(key: Key): Row {
    const row = this.db
      .prepare(`${SELECT} WHERE r.case_id = ? AND r.event_id = ?`)
      .get(key.caseId, key.eventId) as unknown as Row | undefined;
    if (!row) throw rejected('rectification_not_found', 'There is no rectification item for this rating.');
    return row;
  }

  private step(
    userId: string,
    key: Key,
    step: RectificationStep,
    columns: Record<string, string | null>,
    detail: Record<string, unknown> = {},
  ): Rectification {
    const { state } = this.row(key);
    const refusal = stepRefusal(step, state);
    if (refusal) throw rejected(refusal, `This step does not follow an item that is ${state}.`);
    const to = RECTIFICATION_STEPS[step].to;
    const names = Object.keys(columns);
    this.db
      .prepare(
        `UPDATE rectifications SET state = ?, ${names.map((n) => `${n} = ?`).join(', ')}
         WHERE case_id = ? AND event_id = ?`,
      )
      .run(to, ...names.map((n) => columns[n]!), key.caseId, key.eventId);
    const assignee = step === 'assign' ? { assignee: columns.assignee_user_id } : {};
    audit(this.db, {
      userId,
      action: `rectification.${step}`,
      target: key.caseId,
      detail: { eventId: key.eventId, state: to, ...assignee, ...detail },
    });
    return this.item(this.row(key), localDay(new Date()));
  }

  private item(r: Row, today: string): Rectification {
    const deadlines = rectificationDeadlines(r.rated_at, this.catalog.calendars());
    const key = { caseId: r.case_id, eventId: r.event_id };
    const answer = r.answer_enc
      ? (JSON.parse(decryptText(this.keys.fields, r.answer_enc, fieldContext('answer', key))) as {
          findings: string;
          actions: string;
        })
      : null;
    const phone = readDocument(this.db, this.keys, r.case_id).received.applicant.phone;
    const rating = this.db.prepare('SELECT payload_enc FROM case_events WHERE event_id = ?').get(r.event_id) as
      { payload_enc: string } | undefined;
    const { comment } = rating
      ? (JSON.parse(decryptText(this.keys.fields, rating.payload_enc, `case_events.payload:${r.event_id}`)) as {
          comment?: string;
        })
      : {};
    return {
      caseId: r.case_id,
      eventId: r.event_id,
      caseNo: r.case_no,
      matterId: r.matter_id,
      rating: r.rating,
      ratedAt: r.rated_at,
      reason: comment ?? null,
      applicantName: r.applicant_masked_name,
      applicantPhone: phone ? maskPhone(phone) : null,
      state: r.state,
      ...deadlines,
      overdue: r.state !== 'closed' && today > deadlines.rectifyBy,
      assignee:
        r.assignee_user_id && r.assignee_name ? { userId: r.assignee_user_id, displayName: r.assignee_name } : null,
      assignedAt: r.assigned_at,
      answer: answer && r.answered_at ? { ...answer, at: r.answered_at } : null,
      contact:
        r.contacted_at && r.contact_method && r.applicant_response
          ? {
              at: r.contacted_at,
              method: r.contact_method,
              response: r.applicant_response,
              note: r.contact_note_enc
                ? decryptText(this.keys.fields, r.contact_note_enc, fieldContext('contact', key))
                : null,
            }
          : null,
      closedAt: r.closed_at,
      closedBy: r.closed_by_name,
    };
  }
}

const now = (): string => new Date().toISOString();
const fieldContext = (what: 'answer' | 'contact', key: Key): string =>
  `rectifications.${what}:${key.caseId}:${key.eventId}`;
