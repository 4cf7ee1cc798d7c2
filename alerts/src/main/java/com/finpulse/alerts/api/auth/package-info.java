/** Who may call the REST API: the bearer token, browser sessions and their CSRF tokens. */
@NullMarked
package com.finpulse.alerts.api.auth;

import org.jspecify.annotations.NullMarked;
