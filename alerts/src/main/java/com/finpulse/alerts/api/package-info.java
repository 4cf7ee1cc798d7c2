/** The REST API: subscriptions, silences, alerts and test notifications, as JSON. */
@NullMarked
package com.finpulse.alerts.api;

import org.jspecify.annotations.NullMarked;
