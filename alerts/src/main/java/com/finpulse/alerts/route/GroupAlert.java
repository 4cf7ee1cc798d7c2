package com.finpulse.alerts.route;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.Severity;

/**
 * An alert in one subscription's group.
 *
 * @param severity the highest severity the subscription's thresholds gave it so far: once a
 *     subscriber saw it at a severity, an update with smaller numbers does not take it back
 */
record GroupAlert(Alert alert, Severity severity) {}
