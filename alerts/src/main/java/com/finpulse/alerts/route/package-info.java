/**
 * Routing with Alertmanager's semantics: per subscription and key a group with group_wait,
 * group_interval and repeat_interval; silences; inhibition of per-key alerts by a market-wide one;
 * quiet hours; a notification log so every target is told each change once.
 */
@NullMarked
package com.finpulse.alerts.route;

import org.jspecify.annotations.NullMarked;
