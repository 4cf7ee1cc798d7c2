/**
 * Negative-spike detection: a Kafka Streams topology that keeps, per key and trend window, a robust
 * trailing baseline and the alert episode, and emits {@code Alert}s to the alerts topic.
 */
@NullMarked
package com.finpulse.alerts.detect;

import org.jspecify.annotations.NullMarked;
