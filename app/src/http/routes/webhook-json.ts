import { retiredSecretsExpireAt } from "@premiumcdkeys/core";

type Endpoint = {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  active: boolean;
  pausedAt: Date | null;
  consecutiveFailures: number;
  /** The retired secrets still signing (the endpoint queries load only those). */
  retiredSecrets: { signsUntil: Date }[];
  createdAt: Date;
};

/**
 * An endpoint as the API shows it. `status`: `active`; `paused` after 5 failures in a row
 * (until resumed); `disabled` when switched off with `active: false`.
 */
export function endpointJson(endpoint: Endpoint) {
  const status = endpoint.active ? "active" : endpoint.pausedAt ? "paused" : "disabled";
  const previousSigning = retiredSecretsExpireAt(endpoint.retiredSecrets)?.toISOString() ?? null;
  return {
    id: endpoint.id,
    url: endpoint.url,
    events: endpoint.events,
    description: endpoint.description,
    status,
    active: endpoint.active,
    paused_at: endpoint.pausedAt?.toISOString() ?? null,
    consecutive_failures: endpoint.consecutiveFailures,
    previous_secret_expires_at: previousSigning,
    created_at: endpoint.createdAt.toISOString(),
  };
}

type Delivery = {
  id: string;
  eventType: string;
  eventId: bigint | null;
  status: string;
  attempts: number;
  lastStatus: number | null;
  nextAttemptAt: Date;
  deliveredAt: Date | null;
  createdAt: Date;
  attemptLog: {
    createdAt: Date;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  }[];
};

export function deliveryJson(delivery: Delivery) {
  return {
    id: delivery.id,
    event: delivery.eventType,
    event_id: delivery.eventId === null ? null : String(delivery.eventId),
    status: delivery.status,
    attempts: delivery.attempts,
    last_status: delivery.lastStatus,
    next_attempt_at: delivery.status === "pending" ? delivery.nextAttemptAt.toISOString() : null,
    delivered_at: delivery.deliveredAt?.toISOString() ?? null,
    created_at: delivery.createdAt.toISOString(),
    attempt_log: delivery.attemptLog.map((attempt) => ({
      at: attempt.createdAt.toISOString(),
      status_code: attempt.statusCode,
      duration_ms: attempt.durationMs,
      error: attempt.error,
    })),
  };
}
