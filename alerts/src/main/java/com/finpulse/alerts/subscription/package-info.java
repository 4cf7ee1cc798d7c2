/**
 * Subscriptions: who wants which alerts, how, and when. Loaded from {@code subscriptions.yml}
 * (hot-reloaded) and from the REST API (persisted in the state directory).
 */
@NullMarked
package com.finpulse.alerts.subscription;

import org.jspecify.annotations.NullMarked;
