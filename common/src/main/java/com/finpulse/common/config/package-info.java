/** Loading and validating the services' YAML configuration. */
@NullMarked
package com.finpulse.common.config;

import org.jspecify.annotations.NullMarked;
