/**
 * Notification channels (e-mail, webhooks, console) and the delivery queue that retries them with
 * backoff, keeps their order per target and records every outcome.
 */
@NullMarked
package com.finpulse.alerts.notify;

import org.jspecify.annotations.NullMarked;
