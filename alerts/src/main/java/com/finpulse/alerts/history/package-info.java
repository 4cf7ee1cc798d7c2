/**
 * The alerts topic as the service's history and memory: alerts and notification outcomes are
 * written there, read back live (routing, console, API) and replayed at start (notification log,
 * open alerts); InfluxDB gets the same events for Grafana annotations.
 */
@NullMarked
package com.finpulse.alerts.history;

import org.jspecify.annotations.NullMarked;
