package com.finpulse.alerts.notify;

import com.finpulse.alerts.event.Alert;
import com.finpulse.alerts.event.Severity;

/**
 * An alert as one subscription sees it.
 *
 * @param severity the severity under the subscription's own thresholds (may differ from the
 *     alert's)
 */
public record NotifiedItem(Alert alert, Severity severity) {}
