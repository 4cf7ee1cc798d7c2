/**
 * Which alerts instance delivers notifications: taking delivery up (fencing the predecessor,
 * sending again what it left unfinished) and giving it up.
 */
@NullMarked
package com.finpulse.alerts.role;

import org.jspecify.annotations.NullMarked;
