/** The daily digest: per-key sentiment of the day against the prior week, movers, headlines. */
@NullMarked
package com.finpulse.alerts.digest;

import org.jspecify.annotations.NullMarked;
