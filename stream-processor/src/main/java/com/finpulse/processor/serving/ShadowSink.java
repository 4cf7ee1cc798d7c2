package com.finpulse.processor.serving;

import com.finpulse.common.event.ShadowComparison;

/** Where the inference worker hands shadow comparisons: {@code models.shadow}, or nowhere. */
@FunctionalInterface
public interface ShadowSink {

  ShadowSink NONE = c -> {};

  /** Must not block the worker: hand over and return. */
  void publish(ShadowComparison comparison);
}
