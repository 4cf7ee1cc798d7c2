/** The service's configuration ({@code alerts.yml}), bound to records and validated at load. */
@NullMarked
package com.finpulse.alerts.config;

import org.jspecify.annotations.NullMarked;
