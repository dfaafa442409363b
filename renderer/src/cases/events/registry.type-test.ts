// Proves the registry is exhaustive and typed by the schemas: each table missing one event type, and a
// form building another type's payload, fail to compile (an unused @ts-expect-error fails the typecheck).
import type { EVENT_FORMS, EVENT_VIEWS } from './registry.ts';
import type { EventForm, EventForms, EventViews } from './types.ts';

/** Compiles only where U is a T. */
type Is<T, U extends T> = U;

export type CompleteViews = Is<EventViews, typeof EVENT_VIEWS>;
export type CompleteForms = Is<EventForms, typeof EVENT_FORMS>;

type ViewsWithoutOne = Omit<typeof EVENT_VIEWS, 'case.evaluated'>;
type FormsWithoutOne = Omit<typeof EVENT_FORMS, 'case.evaluated'>;

// @ts-expect-error a view table without case.evaluated is not the registry's
export type MissingView = Is<EventViews, ViewsWithoutOne>;
// @ts-expect-error a form table without case.evaluated is not the registry's
export type MissingForm = Is<EventForms, FormsWithoutOne>;

type AcceptedForm = EventForm<'case.accepted'>;
type NoteOnlyForm = Omit<AcceptedForm, 'toPayload'> & { toPayload(): { note: string } };

// @ts-expect-error case.accepted's form must build its payload, which needs acceptanceNo
export type WrongPayload = Is<AcceptedForm, NoteOnlyForm>;
