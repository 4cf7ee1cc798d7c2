/** Text made safe for where it goes. */
@NullMarked
package com.finpulse.common.text;

import org.jspecify.annotations.NullMarked;
