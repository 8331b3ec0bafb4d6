/**
 * The part of serving a request every endpoint shares: admission through the engine,
 * the 429 for a rejection, the injected 5xx and hang faults, and the wait for completion.
 */
import type { Admission, Engine, EngineCall, Rejection } from '../engine/engine.ts';
import { rateLimited, serverFault, tooManyInFlight, type ApiError } from './errors.ts';
import { errorResponse } from './responses.ts';
import type { RequestContext } from './request-context.ts';
import type { Ticket } from '../engine/request-in-service.ts';
import { abortOutcome } from '../engine/abort-outcome.ts';

const FAULT_STATUS = { error500: 500, error502: 502, error503: 503 } as const;

/** The 429 answer for an engine rejection (rate limit or in-flight limit). */
export function rejectionError(model: string, rejection: Rejection): ApiError {
  return rejection.reason === 'rate-limit' ? rateLimited(model, rejection.detail) : tooManyInFlight(rejection.limit);
}

/**
 * Admits `call`: returns the started ticket, or the response to send instead — a 429 for a
 * rejection or an injected 5xx. A hang never returns: it rejects when the client aborts.
 */
export async function startService(engine: Engine, ctx: RequestContext, call: EngineCall, signal: AbortSignal): Promise<Ticket | Response> {
  let admission: Admission;
  try {
    admission = await engine.admit(call, signal);
  } finally {
    // The engine logs the request whatever happens, a 499 for an abort while queued included.
    ctx.logged = true;
  }
  ctx.rateLimitHeaders = admission.rateLimitHeaders;
  if (!admission.admitted) return errorResponse(rejectionError(call.model, admission.rejection), ctx.headers());
  const { ticket } = admission;
  const { fault } = ticket;
  if (fault === 'hang') {
    try {
      await ticket.hang(signal);
    } finally {
      const { status, errorType } = abortOutcome(signal, 'hang');
      ticket.finish(status, errorType);
    }
  }
  if (fault === 'error500' || fault === 'error502' || fault === 'error503') {
    const error = serverFault(FAULT_STATUS[fault]);
    ticket.finish(error.status, error.type);
    return errorResponse(error, ctx.headers());
  }
  return ticket;
}

/** Waits for a ticket's whole response, finishing it as 499 if the client aborts first (503 if a shutdown cuts it). */
export async function serve(ticket: Ticket, signal: AbortSignal): Promise<void> {
  try {
    await ticket.waitForCompletion(signal);
  } catch (error) {
    const { status, errorType } = abortOutcome(signal);
    ticket.finish(status, errorType);
    throw error;
  }
  ticket.finish(200, ticket.fault === 'malformed' ? 'malformed' : null);
}
